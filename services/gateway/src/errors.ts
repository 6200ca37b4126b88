import { defineErrors } from '@pay/errors'

/** The gateway's own error codes; the shared ones (validation, auth, upstream failures) are in commonError. */
export const gatewayError = defineErrors({
  INVALID_CREDENTIALS: { status: 401, message: 'the username or password is not correct' },
  INVALID_REFRESH_TOKEN: { status: 401, message: 'the refresh token is not valid' },
  LOGIN_RATE_LIMITED: { status: 429, message: 'too many failed logins; try again later', retryable: true },
  WEAK_PASSWORD: { status: 400, message: 'the password does not meet the password policy' },
  USERNAME_TAKEN: { status: 409, message: 'a user with this username already exists' },
  USER_NOT_FOUND: { status: 404, message: 'no such user' },
  OWN_ACCESS_CHANGE: {
    status: 409,
    message: 'administrators cannot change their own role or deactivate themselves',
  },
  UPLOAD_TOO_LARGE: { status: 413, message: 'the upload is too large' },
})

export type GatewayErrorCode = keyof typeof gatewayError.codes
