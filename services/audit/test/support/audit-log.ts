import { fileURLToPath } from 'node:url'

import { createPool, runMigrations, withTransaction, type Pool } from '@pay/db'
import { createTestSchema, infra, type TestSchema } from '@pay/testkit'

import { appendEntry } from '../../src/db/append-entry.ts'
import type { AuditEntry, AuditRecord } from '../../src/domain/audit-record.ts'

const migrations = fileURLToPath(new URL('../../migrations', import.meta.url))

export interface AuditLogFixture {
  schema: TestSchema
  /** Connects as the service role, like the service. */
  pool: Pool
  /** Connects as a superuser, in the same schema. */
  superuser: Pool
  append(record: AuditRecord): Promise<AuditEntry | undefined>
  close(): Promise<void>
}

/** A fresh schema owned by a fresh service role, with the audit migrations applied by that role. */
export async function auditLogFixture(): Promise<AuditLogFixture> {
  const schema = await createTestSchema('audit_log')
  const pool = createPool({ connectionString: schema.url, schema: schema.schema, max: 10 })
  const superuser = createPool({ connectionString: infra().databaseUrl, schema: schema.schema, max: 2 })
  await runMigrations(pool, { directory: migrations })

  return {
    schema,
    pool,
    superuser,
    append: (record) => withTransaction(pool, (client) => appendEntry(client, record)),
    async close() {
      await pool.end()
      await superuser.end()
      await schema.drop()
    },
  }
}
