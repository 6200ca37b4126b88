import { defineErrors } from '@pay/errors'

/** Every error code the approval service answers with, besides the shared ones of `commonError`. */
export const approvalError = defineErrors({
  SELF_APPROVAL_FORBIDDEN: {
    status: 403,
    message: 'the creator of a request may not decide on it, whatever their role',
  },
  REQUEST_NOT_QUEUED: {
    status: 409,
    message: 'the request has not been submitted for approval (its batch is not submitted yet)',
  },
  REQUEST_CLOSED: { status: 409, message: "the request's batch was cancelled; it can no longer be decided" },
  ALREADY_DECIDED: { status: 409, message: 'the request has already been decided' },
  ALREADY_VOTED: { status: 409, message: 'this approver has already voted on the request' },
  APPROVAL_NOT_FOUND: { status: 404, message: 'no approval is known for this request' },
})

export type ApprovalErrorCode = keyof typeof approvalError.codes
