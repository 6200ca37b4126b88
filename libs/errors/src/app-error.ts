export interface FieldError {
  path: string
  message: string
}

export interface AppErrorOptions {
  cause?: unknown
  fields?: FieldError[]
  retryable?: boolean
}

/**
 * The one base of every error the product reports to a caller. `code` is stable and
 * machine-readable; `status` is the HTTP status a problem response carries.
 */
export class AppError extends Error {
  readonly code: string
  readonly status: number
  readonly retryable: boolean
  readonly fields: FieldError[] | undefined

  constructor(code: string, status: number, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.status = status
    this.retryable = options.retryable ?? false
    this.fields = options.fields
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}
