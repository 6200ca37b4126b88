import { InMemorySpanExporter } from '@opentelemetry/sdk-trace'
import { describe, expect, it } from 'vitest'

import {
  currentTraceId,
  currentTraceparent,
  shutdownTelemetry,
  startTelemetry,
  withSpan,
} from '../src/index.ts'

describe('startTelemetry', () => {
  it('should create spans with trace ids even with no exporter configured', async () => {
    const telemetry = await startTelemetry({ serviceName: 'test', env: {} })
    try {
      const outer = await withSpan('work', {}, async () => ({
        traceId: currentTraceId(),
        traceparent: currentTraceparent(),
        inner: await withSpan('step', {}, () => currentTraceId()),
      }))

      expect(outer.traceId).toMatch(/^[0-9a-f]{32}$/)
      expect(outer.inner).toBe(outer.traceId)
      // unsampled: nothing is recorded, but the context still propagates
      expect(outer.traceparent).toBe(`00-${outer.traceId}-${outer.traceparent?.slice(36, 52)}-00`)
    } finally {
      await telemetry.shutdown()
    }
  })

  it('should refuse to start twice', async () => {
    const telemetry = await startTelemetry({ serviceName: 'test', env: {} })
    try {
      await expect(startTelemetry({ serviceName: 'test', env: {} })).rejects.toThrow('already started')
    } finally {
      await telemetry.shutdown()
    }
  })

  it('should export spans with the service name to a given exporter', async () => {
    const exporter = new InMemorySpanExporter()
    const telemetry = await startTelemetry({ serviceName: 'ledger', exporter })
    try {
      await withSpan('post accrual', {}, () => undefined)
      await telemetry.flush()

      const [span] = exporter.getFinishedSpans()
      expect(span?.name).toBe('post accrual')
      expect(span?.resource.attributes['service.name']).toBe('ledger')
    } finally {
      await telemetry.shutdown()
    }
  })

  it('shutdownTelemetry should stop tracing so that it can start again', async () => {
    await startTelemetry({ serviceName: 'ledger', env: {} })
    await shutdownTelemetry()

    expect(await withSpan('after shutdown', {}, () => currentTraceId())).toBeUndefined()

    const again = await startTelemetry({ serviceName: 'ledger', env: {} })
    expect(await withSpan('restarted', {}, () => currentTraceId())).toMatch(/^[0-9a-f]{32}$/)
    await again.shutdown()
  })
})
