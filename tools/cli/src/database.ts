import pg from 'pg'

import type { ServiceName } from '@pay/system'

/**
 * A pool for looking only: every transaction is read-only, so a probe cannot change what it
 * inspects even when it runs as the superuser. int8 values arrive as bigint.
 */
export function readOnlyPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 4,
    application_name: 'payctl',
    connectionTimeoutMillis: 5_000,
    options: '-c default_transaction_read_only=on -c statement_timeout=60000',
    types: {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        if (oid === pg.types.builtins.INT8) {
          return (value: string) => BigInt(value)
        }

        return pg.types.getTypeParser(oid, format)
      },
    },
  })
  pool.on('error', () => undefined)

  return pool
}

/** The quoted schema of a service, safe to put in SQL text. */
export function schemaOf(prefix: string, service: ServiceName): string {
  const name = `${prefix}${service}`
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
    throw new TypeError(`invalid schema name ${name}`)
  }

  return `"${name}"`
}

/** The services' schemas that exist: a system may run without one of them. */
export async function existingSchemas(
  pool: pg.Pool,
  prefix: string,
  services: readonly ServiceName[],
): Promise<ServiceName[]> {
  const { rows } = await pool.query<{ name: string }>(
    'select nspname as name from pg_namespace where nspname = any($1::text[])',
    [services.map((service) => `${prefix}${service}`)],
  )
  const names = new Set(rows.map((row) => row.name))

  return services.filter((service) => names.has(`${prefix}${service}`))
}
