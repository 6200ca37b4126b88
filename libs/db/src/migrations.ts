import type pg from 'pg'
import Postgrator from 'postgrator'

import { withClient } from './client.ts'

export interface MigrationOptions {
  /** Folder of `NNN.do.description.sql` files. */
  directory: string
  /** Table that records what ran; libraries that ship their own SQL use their own table. */
  table?: string
}

export interface AppliedMigration {
  version: number
  name: string
}

// Any constant works as long as every replica of every service uses the same one: the lock is
// per database and only serialises concurrent start-ups.
const MIGRATION_LOCK = 7_214_001

/**
 * Applies the pending migrations of one folder to the pool's schema. Concurrent start-ups of
 * several replicas are serialised by an advisory lock; each file runs in its own transaction.
 */
export async function runMigrations(pool: pg.Pool, options: MigrationOptions): Promise<AppliedMigration[]> {
  return withClient(pool, async (client) => {
    try {
      // Replicas starting together queue here for as long as the first one migrates; a pool's
      // lock_timeout (meant for row locks in requests) must not fail them.
      await client.query('set lock_timeout = 0')
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
      const { rows } = await client.query<{ db: string; schema: string }>(
        'select current_database() as db, current_schema() as schema',
      )
      const { db, schema } = rows[0]!

      const postgrator = new Postgrator({
        migrationPattern: `${options.directory}/*.sql`,
        driver: 'pg',
        database: db,
        currentSchema: schema,
        // Unqualified: a qualified name makes postgrator issue CREATE SCHEMA, which a service role may not.
        schemaTable: options.table ?? 'schema_migrations',
        execQuery: (query: string) => client.query(query),
        execSqlScript: async (script: string) => {
          try {
            await client.query(`begin;\n${script}\n;commit;`)
          } catch (error) {
            await client.query('rollback')
            throw error
          }
        },
      })
      const applied = await postgrator.migrate()

      return applied.map((migration) => ({ version: migration.version, name: migration.name }))
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
      await client.query('reset lock_timeout').catch(() => undefined)
    }
  })
}
