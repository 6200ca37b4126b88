import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { dropServiceDatabase, provisionServiceDatabase, type ServiceDatabase } from '../src/index.ts'

const adminUrl = inject('infra').databaseUrl
const suffix = randomBytes(4).toString('hex')
const alpha = `alpha_${suffix}`
const beta = `beta_${suffix}`

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await client.query(sql)
  } finally {
    await client.end()
  }
}

describe('provisionServiceDatabase', () => {
  let alphaDb: ServiceDatabase
  let betaDb: ServiceDatabase

  beforeAll(async () => {
    alphaDb = await provisionServiceDatabase(adminUrl, alpha)
    betaDb = await provisionServiceDatabase(adminUrl, beta)
    await query(betaDb.url, `CREATE TABLE ${beta}.secrets (id int primary key)`)
    await query(adminUrl, `CREATE TABLE IF NOT EXISTS public.infra_test_public (id int)`)
  })

  afterAll(async () => {
    await dropServiceDatabase(adminUrl, alpha)
    await dropServiceDatabase(adminUrl, beta)
  })

  it('should name the role after the service and give it the schema', () => {
    expect(alphaDb.role).toBe(`${alpha}_svc`)
    expect(alphaDb.schema).toBe(alpha)
    expect(new URL(alphaDb.url).username).toBe(`${alpha}_svc`)
  })

  it('should let the service role create and use tables in its own schema', async () => {
    await query(alphaDb.url, 'CREATE TABLE items (id int primary key, name text)')
    await query(alphaDb.url, "INSERT INTO items VALUES (1, 'one')")

    const { rows } = await query(alphaDb.url, `SELECT name FROM ${alpha}.items`)

    expect(rows).toEqual([{ name: 'one' }])
  })

  it("should refuse the service role another service's schema", async () => {
    await expect(query(alphaDb.url, `SELECT * FROM ${beta}.secrets`)).rejects.toMatchObject({ code: '42501' })
    await expect(query(alphaDb.url, `CREATE TABLE ${beta}.intruder (id int)`)).rejects.toMatchObject({
      code: '42501',
    })
  })

  it('should refuse the service role the public schema', async () => {
    await expect(query(alphaDb.url, 'CREATE TABLE public.intruder (id int)')).rejects.toMatchObject({
      code: '42501',
    })
    await expect(query(alphaDb.url, 'SELECT * FROM public.infra_test_public')).rejects.toMatchObject({
      code: '42501',
    })
  })

  it('should converge when called again and keep the password', async () => {
    const again = await provisionServiceDatabase(adminUrl, alpha)

    expect(again).toEqual(alphaDb)
    await expect(query(again.url, 'SELECT count(*)::int AS n FROM items')).resolves.toMatchObject({
      rows: [{ n: 1 }],
    })
  })

  it('should reject a service name that is not a plain identifier', async () => {
    await expect(provisionServiceDatabase(adminUrl, 'Bad-Name')).rejects.toThrow(TypeError)
  })
})

describe('dropServiceDatabase', () => {
  it('should remove the role and its schema', async () => {
    const service = `gone_${suffix}`
    await provisionServiceDatabase(adminUrl, service)

    await dropServiceDatabase(adminUrl, service)

    const { rows } = await query(
      adminUrl,
      `SELECT (SELECT count(*) FROM pg_roles WHERE rolname = '${service}_svc')::int AS roles,
              (SELECT count(*) FROM pg_namespace WHERE nspname = '${service}')::int AS schemas`,
    )
    expect(rows).toEqual([{ roles: 0, schemas: 0 }])
  })
})
