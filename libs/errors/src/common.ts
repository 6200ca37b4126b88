import { defineErrors } from './catalogue.ts'

/** Codes every service shares; a service adds its own with `defineErrors`. */
export const commonError = defineErrors({
  VALIDATION_FAILED: { status: 400, message: 'the request is not valid' },
  MALFORMED_BODY: { status: 400, message: 'the request body is not valid JSON' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, message: 'an Idempotency-Key header is required' },
  UNAUTHENTICATED: { status: 401, message: 'authentication is required' },
  FORBIDDEN: { status: 403, message: 'not allowed' },
  NOT_FOUND: { status: 404, message: 'not found' },
  CONFLICT: { status: 409, message: 'the resource changed; retry' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, message: 'a request with this Idempotency-Key is still running' },
  LOCK_TIMEOUT: { status: 409, message: 'the resource is busy; retry', retryable: true },
  PRECONDITION_FAILED: { status: 412, message: 'the resource version does not match If-Match' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'the request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'unsupported content type' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'the Idempotency-Key was used with a different request' },
  RATE_LIMITED: { status: 429, message: 'too many requests', retryable: true },
  INTERNAL: { status: 500, message: 'an unexpected error occurred' },
  UPSTREAM_FAILED: { status: 502, message: 'an upstream service failed', retryable: true },
  UNAVAILABLE: { status: 503, message: 'the service is unavailable', retryable: true },
  UPSTREAM_TIMEOUT: { status: 504, message: 'an upstream service timed out', retryable: true },
})
