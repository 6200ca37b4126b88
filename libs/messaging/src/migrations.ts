import { fileURLToPath } from 'node:url'

import { runMigrations, type AppliedMigration, type Pool } from '@pay/db'

const directory = fileURLToPath(new URL('../migrations', import.meta.url))

/** Creates the outbox and dedup tables in the pool's schema; every service runs this at start-up. */
export async function migrateMessaging(pool: Pool): Promise<AppliedMigration[]> {
  return runMigrations(pool, { directory, table: 'messaging_migrations' })
}
