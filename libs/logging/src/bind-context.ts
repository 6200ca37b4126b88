import type { Logger } from 'pino'

/** The fields that tie a log line to a request, a trace and a user. */
export interface LogContext {
  requestId?: string
  traceId?: string
  userId?: string
}

/** A child logger carrying the given context on every line; absent fields are left out. */
export function bindContext(logger: Logger, context: LogContext): Logger {
  const bindings = Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined))
  return logger.child(bindings)
}
