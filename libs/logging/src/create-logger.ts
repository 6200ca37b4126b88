import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino'

import { REDACT_PATHS, REDACTED, scrub } from './redaction.ts'

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

export interface LoggerOptions {
  /** Written on every line as `service`. */
  service: string
  level?: LogLevel
  /** Where lines go; stdout when absent. Tests pass an in-memory stream. */
  destination?: DestinationStream
}

/**
 * A pino JSON logger: ISO time, `level` as a label, `service` on every line, and
 * credentials (passwords, tokens, secrets, authorization and cookie headers) redacted
 * at any depth of the logged object.
 */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object) as Record<string, unknown>,
      },
    },
    destination,
  )
}
