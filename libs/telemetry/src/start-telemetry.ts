import { context, propagation, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { registerInstrumentations } from '@opentelemetry/instrumentation'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs'
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg'
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici'
import { resourceFromAttributes } from '@opentelemetry/resources'
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  TracerProvider,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace'

export interface TelemetryOptions {
  serviceName: string
  /**
   * Where finished spans go. Absent: OTLP over HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` (or
   * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, else nowhere; spans are still created so
   * that trace ids exist for logs and for the traceparent the outbox stores.
   * A given exporter is fed span by span (tests use an in-memory one).
   */
  exporter?: SpanExporter
  env?: Record<string, string | undefined>
}

export interface Telemetry {
  /** Waits until every ended span has reached the exporter. */
  flush(): Promise<void>
  /** Flushes pending spans and unregisters everything, so telemetry can be started again. */
  shutdown(): Promise<void>
}

// Probes and scrapes arrive every few seconds and would drown the traces that matter.
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics'])

let running: Telemetry | undefined

/**
 * Starts tracing for the process: W3C trace context, async-local context, and spans for
 * incoming and outgoing HTTP (node:http and fetch), pg queries and kafkajs produce/consume.
 * Instrumentation patches modules as they load, so this must run before the service imports
 * fastify, pg or kafkajs: start it from `node --import @pay/telemetry/register`.
 */
export async function startTelemetry(options: TelemetryOptions): Promise<Telemetry> {
  if (running !== undefined) {
    throw new Error('telemetry is already started')
  }

  const spanProcessors = await chooseSpanProcessors(options)
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors,
    // With nowhere to export, spans are created unsampled: they still carry trace and span
    // ids (for logs, outbox rows and outgoing traceparent headers) but record nothing,
    // which spares the allocation of attributes and events on every request and query.
    ...(spanProcessors.length === 0 ? { sampler: new AlwaysOffSampler() } : {}),
  })
  const contextManager = new AsyncLocalStorageContextManager().enable()
  context.setGlobalContextManager(contextManager)
  propagation.setGlobalPropagator(new W3CTraceContextPropagator())
  trace.setGlobalTracerProvider(provider)

  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
      }),
      new UndiciInstrumentation(),
      // Parameters are never recorded (they hold personal data); queries outside a span,
      // such as an idle relay's polling, are not traced at all.
      new PgInstrumentation({
        enhancedDatabaseReporting: false,
        requireParentSpan: true,
        ignoreConnectSpans: true,
      }),
      new KafkaJsInstrumentation(),
    ],
  })

  const telemetry: Telemetry = {
    async flush() {
      await provider.forceFlush()
    },
    async shutdown() {
      if (running !== telemetry) {
        return
      }

      running = undefined
      unregister()
      await provider.shutdown()
      trace.disable()
      propagation.disable()
      context.disable()
    },
  }
  running = telemetry
  return telemetry
}

/** Shuts down whatever `startTelemetry` started, e.g. the register entry; a no-op otherwise. */
export async function shutdownTelemetry(): Promise<void> {
  await running?.shutdown()
}

async function chooseSpanProcessors({
  exporter,
  env = process.env,
}: TelemetryOptions): Promise<SpanProcessor[]> {
  if (exporter !== undefined) {
    return [new SimpleSpanProcessor({ exporter })]
  }

  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    return []
  }

  // Loaded only when used: the OTLP exporter and protobuf cost memory a service without a
  // collector should not pay. It reads the endpoint, headers and timeout from OTEL_* itself.
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto')
  return [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })]
}
