import { fileURLToPath } from 'node:url'

import { runMigrations, type AppliedMigration, type Pool } from '@pay/db'

const directory = fileURLToPath(new URL('../migrations', import.meta.url))

/** Creates the idempotency-key table in the pool's schema. */
export async function migrateIdempotency(pool: Pool): Promise<AppliedMigration[]> {
  return runMigrations(pool, { directory, table: 'idempotency_migrations' })
}
