import { AppError, type AppErrorOptions } from '@pay/errors'

export type ContractErrorCode =
  /** Encoding: the message does not fit the schema of its event type. */
  | 'INVALID_EVENT'
  /** Decoding: the bytes do not start with the single-object marker `C3 01` and a fingerprint. */
  | 'NOT_SINGLE_OBJECT'
  /** Decoding: no released schema has the writer fingerprint (a newer producer, or another system). */
  | 'UNKNOWN_FINGERPRINT'
  /** Decoding: the body does not parse with the writer schema it names. */
  | 'MALFORMED_BODY'

/**
 * Raised by the codec. Never retryable: the same bytes or message fail the same way again,
 * so a consumer can dead-letter at once. It never reaches an HTTP client, hence status 500.
 */
export class ContractError extends AppError {
  declare readonly code: ContractErrorCode

  constructor(code: ContractErrorCode, message: string, options: AppErrorOptions = {}) {
    super(code, 500, message, { ...options, retryable: false })
    this.name = 'ContractError'
  }
}

export function isContractError(error: unknown): error is ContractError {
  return error instanceof ContractError
}
