import { fileURLToPath } from 'node:url'

import { AppError, commonError } from '@pay/errors'
import { createTestSchema, infra, type TestSchema } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  createPool,
  hasSqlState,
  runMigrations,
  sqlState,
  translateDatabaseError,
  withTransaction,
  type Pool,
} from '../src/index.ts'

const migrations = fileURLToPath(new URL('./fixtures/migrations', import.meta.url))

describe('@pay/db against Postgres', () => {
  let schema: TestSchema
  let pool: Pool

  beforeAll(async () => {
    schema = await createTestSchema('db')
    pool = createPool({ connectionString: schema.url, schema: schema.schema, max: 4, lockTimeoutMs: 200 })
  })

  afterAll(async () => {
    await pool.end()
    await schema.drop()
  })

  it('runMigrations should apply each file once, even when replicas start together', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => runMigrations(pool, { directory: migrations })))

    expect(runs.flat().map((migration) => migration.version)).toEqual([1, 2])
    expect(await runMigrations(pool, { directory: migrations })).toEqual([])
  })

  it('createPool should read int8 columns as bigint, exactly', async () => {
    const { rows } = await pool.query('select balance from accounts where id = 1')

    expect(rows[0].balance).toBe(9007199254740993n)
  })

  it('withTransaction should commit on success and roll back on error, returning the client either way', async () => {
    await withTransaction(pool, (client) =>
      client.query(`insert into accounts (id, name) values (2, 'bank')`),
    )
    await expect(
      withTransaction(pool, async (client) => {
        await client.query(`insert into accounts (id, name) values (3, 'rolled back')`)
        throw new Error('the command failed')
      }),
    ).rejects.toThrow('the command failed')

    const { rows } = await pool.query('select name from accounts order by id')
    expect(rows.map((row) => row.name)).toEqual(['cash', 'bank'])
    expect(pool.totalCount).toBe(pool.idleCount)
  })

  it('translateDatabaseError should map by constraint name first, then by SQLSTATE', async () => {
    const duplicate = await pool
      .query(`insert into accounts (id, name) values (9, 'cash')`)
      .catch((error) => error)
    const negative = await pool
      .query(`insert into accounts (id, name, balance) values (9, 'x', -1)`)
      .catch((e) => e)

    expect(hasSqlState(duplicate, sqlState.uniqueViolation)).toBe(true)
    const named = translateDatabaseError(duplicate, {
      accounts_name_key: () => commonError('CONFLICT', 'an account with this name exists'),
    })
    expect(named).toMatchObject({ status: 409, message: 'an account with this name exists' })
    expect(translateDatabaseError(duplicate)).toMatchObject({ status: 409, code: 'CONFLICT' })
    // A check the domain should have caught is not the caller's to see: it stays a database error.
    expect(translateDatabaseError(negative)).toBe(negative)
    expect(translateDatabaseError(new Error('not a database error'))).toBeInstanceOf(Error)
  })

  it('translateDatabaseError should turn a lock timeout into 409 LOCK_TIMEOUT', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const holder = withTransaction(pool, async (client) => {
      await client.query('select * from accounts where id = 1 for update')
      await held
    })
    await new Promise((resolve) => setTimeout(resolve, 50))

    const error = await withTransaction(pool, (client) =>
      client.query('select * from accounts where id = 1 for update'),
    ).catch((caught) => caught)
    release()
    await holder

    const translated = translateDatabaseError(error)
    expect(translated).toBeInstanceOf(AppError)
    expect(translated).toMatchObject({ status: 409, code: 'LOCK_TIMEOUT' })
  })

  it('createPool should refuse a schema name that is not a plain identifier', () => {
    expect(() => createPool({ connectionString: schema.url, schema: 'public; drop table x' })).toThrow(
      TypeError,
    )
  })
})

describe('withTransaction when the connection dies', () => {
  it('should fail the transaction, keep the process alive and give the pool a working client', async () => {
    const schema = await createTestSchema('dbdrop')
    const pool = createPool({ connectionString: schema.url, schema: schema.schema, max: 1 })
    const admin = createPool({ connectionString: infra().databaseUrl, schema: 'public', max: 1 })

    try {
      const failed = await withTransaction(pool, async (client) => {
        const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid')
        // What a server shutdown does to every backend (SQLSTATE 57P01), while the client idles.
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid])
        await new Promise((resolve) => setTimeout(resolve, 300))
        await client.query('select 1')
      }).catch((error: unknown) => error)

      expect(failed).toBeInstanceOf(Error)
      const { rows } = await pool.query('select 1 as ok')
      expect(rows[0].ok).toBe(1)
    } finally {
      await admin.end()
      await pool.end()
      await schema.drop()
    }
  })
})
