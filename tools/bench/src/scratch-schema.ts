import { fileURLToPath } from 'node:url'

import { createPool, runMigrations, type Pool } from '@pay/db'
import { migrateIdempotency } from '@pay/idempotency'
import { migrateMessaging } from '@pay/messaging'

const requestMigrations = fileURLToPath(new URL('../../../services/request/migrations', import.meta.url))

export interface ScratchSchema {
  name: string
  /** Superuser connections with the scratch schema as search_path. */
  pool: Pool
  drop(): Promise<void>
}

/**
 * A schema with exactly the request service's tables (its own migrations, plus the outbox and the
 * idempotency keys every service has), for pgbench and the relay to work on without touching the
 * running system's data.
 */
export async function createScratchSchema(databaseUrl: string, name: string): Promise<ScratchSchema> {
  const pool = createPool({ connectionString: databaseUrl, schema: name, max: 4, applicationName: 'bench' })
  await pool.query(`create schema ${name}`)
  await migrateMessaging(pool)
  await migrateIdempotency(pool)
  await runMigrations(pool, { directory: requestMigrations })

  return {
    name,
    pool,
    async drop() {
      await pool.query(`drop schema if exists ${name} cascade`)
      await pool.end()
    },
  }
}

/** One DRAFT batch per pgbench client, with the id the script derives from the client number. */
export async function insertClientBatches(pool: Pool, clients: number, createdBy: string): Promise<void> {
  await pool.query(
    `insert into batches (id, title, status, created_by)
     select md5('bench-batch-' || i)::uuid, 'pgbench ' || i, 'DRAFT', $2::uuid
       from generate_series(0, $1::int - 1) as i
     on conflict (id) do nothing`,
    [clients, createdBy],
  )
}
