export {
  shutdownTelemetry,
  startTelemetry,
  type Telemetry,
  type TelemetryOptions,
} from './start-telemetry.ts'
export {
  contextFromTraceparent,
  currentTraceId,
  currentTraceparent,
  recordHttpRoute,
  TRACEPARENT_HEADER,
  withSpan,
  type SpanKindName,
  type SpanOptions,
} from './trace-context.ts'
export type { Span } from '@opentelemetry/api'
