import { AppError, type AppErrorOptions } from './app-error.ts'

export interface ErrorDefinition {
  status: number
  message: string
  retryable?: boolean
}

export type ErrorFactory<Code extends string> = (
  code: Code,
  message?: string,
  options?: AppErrorOptions,
) => AppError

/**
 * Turns a closed list of codes into a factory, so a service can only raise codes it
 * declared, each always with the same HTTP status.
 */
export function defineErrors<const Codes extends Record<string, ErrorDefinition>>(
  codes: Codes,
): ErrorFactory<Extract<keyof Codes, string>> & { codes: Codes } {
  const make = (code: Extract<keyof Codes, string>, message?: string, options: AppErrorOptions = {}) => {
    const definition = codes[code]
    if (definition === undefined) {
      throw new TypeError(`unknown error code ${code}`)
    }

    return new AppError(code, definition.status, message ?? definition.message, {
      retryable: definition.retryable ?? false,
      ...options,
    })
  }

  return Object.assign(make, { codes })
}
