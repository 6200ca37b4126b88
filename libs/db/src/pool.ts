import pg from 'pg'

export interface PoolOptions {
  connectionString: string
  /** The service's own schema; every connection of the pool resolves names there. */
  schema: string
  max?: number
  applicationName?: string
  /** Statements running longer are cancelled by the server, so a stuck query cannot hold a lock forever. */
  statementTimeoutMs?: number
  /** Waiting longer than this for a row lock fails with SQLSTATE 55P03 instead of queueing. */
  lockTimeoutMs?: number
  connectionTimeoutMs?: number
  onError?: (error: Error) => void
}

const INT8_OID = 20

// int8 columns carry money in minor units; they must not pass through a float.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) {
      return (value: string) => BigInt(value)
    }

    return pg.types.getTypeParser(oid, format)
  },
}

export function createPool(options: PoolOptions): pg.Pool {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new TypeError(`invalid schema name ${options.schema}`)
  }

  const settings = [`-c search_path=${options.schema}`]
  if (options.statementTimeoutMs !== undefined) {
    settings.push(`-c statement_timeout=${options.statementTimeoutMs}`)
  }
  if (options.lockTimeoutMs !== undefined) {
    settings.push(`-c lock_timeout=${options.lockTimeoutMs}`)
  }

  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    options: settings.join(' '),
    types,
  })

  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', (error) => options.onError?.(error))

  return pool
}
