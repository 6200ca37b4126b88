import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const register = fileURLToPath(new URL('../src/register.ts', import.meta.url))
const fixture = fileURLToPath(new URL('./fixtures/instrumented-process.ts', import.meta.url))

async function runFixture(env: Record<string, string>) {
  const { stdout } = await run(process.execPath, ['--import', register, fixture], {
    env: { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
    timeout: 20_000,
  })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')
}

describe('@pay/telemetry/register', () => {
  it('should instrument imported http, fetch, pg and kafkajs so that a call continues the trace of its caller', async () => {
    // an endpoint nobody listens on: spans are then recorded (and their export fails quietly)
    const report = await runFixture({
      OTEL_SERVICE_NAME: 'fixture',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
    })

    expect(report.callerTraceId).toMatch(/^[0-9a-f]{32}$/)
    expect(report.handlerTraceId).toBe(report.callerTraceId)
    expect(report.serverSpanName).toBe('GET /items/:id')
    expect(report.pgQueryPatched).toBe(true)
    expect(report.kafkaSendPatched).toBe(true)
  })

  it('should still continue traces with no exporter configured', async () => {
    const report = await runFixture({ OTEL_SERVICE_NAME: 'fixture' })

    expect(report.callerTraceId).toMatch(/^[0-9a-f]{32}$/)
    expect(report.handlerTraceId).toBe(report.callerTraceId)
  })

  it('should leave everything alone when OTEL_SDK_DISABLED is true', async () => {
    const report = await runFixture({ OTEL_SERVICE_NAME: 'fixture', OTEL_SDK_DISABLED: 'true' })

    expect(report.handlerTraceId).toBeUndefined()
  })
})
