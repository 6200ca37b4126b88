export { requestConfigSchema, requestService, type RequestConfig } from './service.ts'
export { requestError, type RequestErrorCode } from './errors.ts'
