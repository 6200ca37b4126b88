import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestSchema, infra, type TestSchema } from '../src/index.ts'

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await client.query(sql)
  } finally {
    await client.end()
  }
}

describe('createTestSchema', () => {
  let mine: TestSchema
  let theirs: TestSchema

  beforeAll(async () => {
    mine = await createTestSchema('testkit_mine')
    theirs = await createTestSchema('testkit_theirs')
  })

  afterAll(async () => {
    await mine.drop()
    await theirs.drop()
  })

  it('should give a role that owns its fresh schema', async () => {
    await query(mine.url, `CREATE TABLE ${mine.schema}.t (id int)`)

    const { rows } = await query(
      infra().databaseUrl,
      `SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = '${mine.schema}'`,
    )

    expect(rows).toEqual([{ owner: mine.role }])
    expect(new URL(mine.url).username).toBe(mine.role)
  })

  it("should keep the role out of another test's schema", async () => {
    await expect(query(mine.url, `CREATE TABLE ${theirs.schema}.t (id int)`)).rejects.toMatchObject({
      code: '42501',
    })
  })

  it('should remove the schema and the role on drop', async () => {
    const temporary = await createTestSchema('testkit_drop')

    await temporary.drop()

    const { rows } = await query(
      infra().databaseUrl,
      `SELECT (SELECT count(*) FROM pg_roles WHERE rolname = '${temporary.role}')::int AS roles,
              (SELECT count(*) FROM pg_namespace WHERE nspname = '${temporary.schema}')::int AS schemas`,
    )
    expect(rows).toEqual([{ roles: 0, schemas: 0 }])
  })
})
