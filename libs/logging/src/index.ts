export type { DestinationStream, Logger } from 'pino'
export { bindContext, type LogContext } from './bind-context.ts'
export { createLogger, type LoggerOptions, type LogLevel } from './create-logger.ts'
export { REDACTED } from './redaction.ts'
