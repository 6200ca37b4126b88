import { InMemorySpanExporter } from '@opentelemetry/sdk-trace'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import {
  contextFromTraceparent,
  currentTraceId,
  currentTraceparent,
  startTelemetry,
  withSpan,
  type Telemetry,
} from '../src/index.ts'

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/

describe('trace context helpers', () => {
  const exporter = new InMemorySpanExporter()
  let telemetry: Telemetry

  beforeAll(async () => {
    telemetry = await startTelemetry({ serviceName: 'test', exporter })
  })

  afterAll(async () => {
    await telemetry.shutdown()
  })

  beforeEach(() => {
    exporter.reset()
  })

  it('currentTraceparent should be undefined outside a span', () => {
    expect(currentTraceparent()).toBeUndefined()
    expect(currentTraceId()).toBeUndefined()
  })

  it('currentTraceparent should name the active span', async () => {
    const seen = await withSpan('outer', {}, (span) => ({
      traceparent: currentTraceparent(),
      traceId: currentTraceId(),
      spanContext: span.spanContext(),
    }))

    expect(seen.traceparent).toMatch(TRACEPARENT)
    expect(seen.traceparent).toBe(`00-${seen.spanContext.traceId}-${seen.spanContext.spanId}-01`)
    expect(seen.traceId).toBe(seen.spanContext.traceId)
  })

  it('withSpan should continue the trace of a traceparent from another process', async () => {
    const stored = await withSpan('http request', { kind: 'server' }, () => currentTraceparent())
    const [, traceId, parentSpanId] = TRACEPARENT.exec(stored ?? '') ?? []

    // later, in a consumer with no active span: the parent comes only from the header
    const consumerTraceId = await withSpan('consume', { parent: stored, kind: 'consumer' }, () =>
      currentTraceId(),
    )
    await telemetry.flush()

    expect(consumerTraceId).toBe(traceId)
    const consumed = exporter.getFinishedSpans().find((span) => span.name === 'consume')
    expect(consumed?.parentSpanContext?.spanId).toBe(parentSpanId)
    expect(consumed?.spanContext().traceId).toBe(traceId)
  })

  it('withSpan should nest under the active span without a parent option', async () => {
    const ids = await withSpan('outer', {}, async () => {
      const outer = currentTraceId()
      const inner = await withSpan('inner', {}, () => currentTraceId())
      return { outer, inner }
    })

    expect(ids.inner).toBe(ids.outer)
  })

  it('withSpan should start a new trace for a malformed traceparent', async () => {
    const traceId = await withSpan('consume', { parent: 'garbage' }, () => currentTraceId())
    await telemetry.flush()

    expect(traceId).toMatch(/^[0-9a-f]{32}$/)
    const consumed = exporter.getFinishedSpans().find((span) => span.name === 'consume')
    expect(consumed?.parentSpanContext).toBeUndefined()
  })

  it('withSpan should record a thrown error, end the span and rethrow', async () => {
    await expect(
      withSpan('failing', { attributes: { 'pay.batch_id': 'b-1' } }, () => {
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    await telemetry.flush()

    const [span] = exporter.getFinishedSpans()
    expect(span?.name).toBe('failing')
    expect(span?.status.code).toBe(2)
    expect(span?.attributes['pay.batch_id']).toBe('b-1')
    expect(span?.events.map((event) => event.name)).toContain('exception')
  })

  it('contextFromTraceparent should give the base context back for a missing traceparent', () => {
    const base = contextFromTraceparent(undefined)

    expect(contextFromTraceparent('00-zz-zz-01', base)).toBe(base)
  })
})
