import { createPool, type Pool, type PoolClient } from '@pay/db'
import { createTestSchema, type TestSchema } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { migrateIdempotency, purgeExpiredKeys, runIdempotent, type IdempotencyScope } from '../src/index.ts'

describe('runIdempotent', () => {
  let schema: TestSchema
  let pool: Pool
  let keyCount = 0

  beforeAll(async () => {
    schema = await createTestSchema('idem')
    pool = createPool({ connectionString: schema.url, schema: schema.schema, max: 8 })
    await migrateIdempotency(pool)
    await pool.query('create table effects (id serial primary key, label text not null)')
  })

  afterAll(async () => {
    await pool.end()
    await schema.drop()
  })

  function scope(overrides: Partial<IdempotencyScope> = {}): IdempotencyScope {
    keyCount += 1
    return {
      userId: 'user-1',
      route: 'POST /batches',
      key: `key-${keyCount}`,
      requestHash: 'hash-a',
      ...overrides,
    }
  }

  const ttl = { ttlMs: 60_000 }

  async function effects(label: string): Promise<number> {
    const { rows } = await pool.query('select count(*)::int as n from effects where label = $1', [label])
    return rows[0].n
  }

  function insertEffect(label: string, status = 201) {
    return async (client: PoolClient) => {
      const { rows } = await client.query('insert into effects (label) values ($1) returning id', [label])
      return { status, body: { id: rows[0].id, label } }
    }
  }

  it('should run the command once and replay its answer to a retry', async () => {
    const request = scope()
    const first = await runIdempotent(pool, request, ttl, insertEffect('replayed'))
    const second = await runIdempotent(pool, request, ttl, insertEffect('replayed'))

    expect(first.replayed).toBe(false)
    expect(second).toEqual({ status: 201, body: first.body, replayed: true })
    expect(await effects('replayed')).toBe(1)
  })

  it('should refuse the same key with another request with 422 and run nothing', async () => {
    const request = scope()
    await runIdempotent(pool, request, ttl, insertEffect('mismatch'))

    await expect(
      runIdempotent(pool, { ...request, requestHash: 'hash-b' }, ttl, insertEffect('mismatch')),
    ).rejects.toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' })
    expect(await effects('mismatch')).toBe(1)
  })

  it('should keep keys apart per user and per route', async () => {
    const request = scope()
    await runIdempotent(pool, request, ttl, insertEffect('scoped'))
    await runIdempotent(pool, { ...request, userId: 'user-2' }, ttl, insertEffect('scoped'))
    await runIdempotent(pool, { ...request, route: 'POST /batches/:id/submit' }, ttl, insertEffect('scoped'))

    expect(await effects('scoped')).toBe(3)
  })

  it('should answer 409 to a retry while the first execution is still running', async () => {
    const request = scope()
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const slow = runIdempotent(pool, request, ttl, async (client) => {
      await gate
      return insertEffect('concurrent')(client)
    })
    await new Promise((resolve) => setTimeout(resolve, 100))

    await expect(runIdempotent(pool, request, ttl, insertEffect('concurrent'))).rejects.toMatchObject({
      status: 409,
      code: 'IDEMPOTENCY_IN_PROGRESS',
    })
    release()
    await slow
    expect(await effects('concurrent')).toBe(1)
  })

  it('should store nothing when the command fails, so a retry runs it', async () => {
    const request = scope()
    await expect(
      runIdempotent(pool, request, ttl, async (client) => {
        await insertEffect('failed-first')(client)
        throw new Error('refused')
      }),
    ).rejects.toThrow('refused')

    const retry = await runIdempotent(pool, request, ttl, insertEffect('failed-first'))
    expect(retry.replayed).toBe(false)
    expect(await effects('failed-first')).toBe(1)
  })

  it('should run the command again once its key has expired, and purge expired keys', async () => {
    const request = scope()
    await runIdempotent(pool, request, { ttlMs: 1 }, insertEffect('expired'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    const again = await runIdempotent(pool, request, { ttlMs: 1 }, insertEffect('expired'))

    expect(again.replayed).toBe(false)
    expect(await effects('expired')).toBe(2)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await purgeExpiredKeys(pool)).toBeGreaterThanOrEqual(1)
  })

  it('should format bigint values in stored answers as strings', async () => {
    const outcome = await runIdempotent(pool, scope(), ttl, async () => ({
      status: 200,
      body: { total: 2n ** 60n },
    }))

    expect(JSON.parse(outcome.body)).toEqual({ total: '1152921504606846976' })
  })
})
