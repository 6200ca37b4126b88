export { approvalConfigSchema, approvalService, type ApprovalConfig } from './service.ts'
export { approvalError, type ApprovalErrorCode } from './errors.ts'
