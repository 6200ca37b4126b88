export { AppError, isAppError, type AppErrorOptions, type FieldError } from './app-error.ts'
export { defineErrors, type ErrorDefinition, type ErrorFactory } from './catalogue.ts'
export { commonError } from './common.ts'
