import { describe, expect, inject, it } from 'vitest'
import { ensureInfra, silentReport } from '../src/index.ts'
import { readState } from '../src/state-file.ts'

describe('ensureInfra', () => {
  it('should reuse the running broker and cluster instead of starting new ones', async () => {
    const before = readState()

    const first = await ensureInfra({ report: silentReport })
    const second = await ensureInfra({ report: silentReport })

    expect(first.started).toEqual({ kafka: false, postgres: false })
    expect(second.started).toEqual({ kafka: false, postgres: false })
    expect(second.kafkaBrokers).toEqual(inject('infra').kafkaBrokers)
    expect(second.databaseUrl).toBe(inject('infra').databaseUrl)
    expect(readState().kafka?.pid).toBe(before.kafka?.pid)
    expect(readState().postgres?.pid).toBe(before.postgres?.pid)
  })
})
