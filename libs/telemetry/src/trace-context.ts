import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api'
import { getRPCMetadata, RPCType, W3CTraceContextPropagator } from '@opentelemetry/core'

/** The Kafka header (and outbox column) that carries W3C trace context. */
export const TRACEPARENT_HEADER = 'traceparent'

export type SpanKindName = 'internal' | 'server' | 'client' | 'producer' | 'consumer'

export interface SpanOptions {
  /** A W3C traceparent to continue, e.g. from an outbox row or a Kafka header. */
  parent?: string
  kind?: SpanKindName
  attributes?: Attributes
}

const KINDS: Record<SpanKindName, SpanKind> = {
  internal: SpanKind.INTERNAL,
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
}

// A local propagator, not the global one: these helpers then mean the same thing whether
// or not telemetry was started (without it there is simply no active span).
const w3c = new W3CTraceContextPropagator()

/** The W3C traceparent of the active span, to store with an outbox row; undefined without one. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {}
  w3c.inject(context.active(), carrier, defaultTextMapSetter)
  return carrier[TRACEPARENT_HEADER]
}

/** The trace id of the active span, for log lines; undefined without one. */
export function currentTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext()
  return spanContext !== undefined && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined
}

/**
 * Tells the HTTP instrumentation which route pattern the current request matched, so its
 * server span is named `GET /batches/:id` and carries `http.route`, instead of just `GET`.
 * Called by @pay/http once fastify has routed the request.
 */
export function recordHttpRoute(route: string): void {
  const metadata = getRPCMetadata(context.active())
  if (metadata?.type === RPCType.HTTP) {
    metadata.route = route
  }
}

/**
 * A context whose parent is the span a traceparent names. An absent or malformed
 * traceparent gives `base` back unchanged, so bad headers never break message handling.
 */
export function contextFromTraceparent(
  traceparent: string | undefined,
  base: Context = ROOT_CONTEXT,
): Context {
  if (traceparent === undefined) {
    return base
  }

  return w3c.extract(base, { [TRACEPARENT_HEADER]: traceparent }, defaultTextMapGetter)
}

/**
 * Runs `fn` inside a new active span and ends it when `fn` settles; a thrown error is
 * recorded on the span and rethrown. The span's parent is `options.parent` when it is a
 * valid traceparent, else the active span (if any).
 */
export async function withSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span) => Promise<T> | T,
): Promise<T> {
  const parent = options.parent === undefined ? context.active() : parentContext(options.parent)
  const spanOptions = { kind: KINDS[options.kind ?? 'internal'], attributes: options.attributes }

  // Looked up per call: a tracer kept from before a telemetry restart would feed a dead provider.
  const tracer = trace.getTracer('@pay/telemetry')
  return tracer.startActiveSpan(name, spanOptions, parent, async (span) => {
    try {
      return await fn(span)
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error))
      span.setStatus({ code: SpanStatusCode.ERROR })
      throw error
    } finally {
      span.end()
    }
  })
}

function parentContext(traceparent: string): Context {
  const extracted = contextFromTraceparent(traceparent)
  return trace.getSpanContext(extracted) === undefined ? context.active() : extracted
}
