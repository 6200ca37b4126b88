import type pg from 'pg'

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable'

export interface TransactionOptions {
  isolation?: IsolationLevel
}

/**
 * Runs `work` inside one transaction on one client. The client always goes back to the pool; a
 * client whose rollback failed is destroyed instead, because its connection state is unknown.
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  // A checked-out client whose connection dies (a server restart, a terminated backend) emits
  // 'error'; unheard, that ends the process. The next query on it fails, which rolls back.
  const onError = (error: Error) => {
    broken = error
  }
  client.on('error', onError)

  try {
    await client.query(options.isolation ? `begin isolation level ${options.isolation}` : 'begin')
    const result = await work(client)
    await client.query('commit')
    return result
  } catch (error) {
    try {
      await client.query('rollback')
    } catch (rollbackError) {
      broken = rollbackError as Error
    }
    throw error
  } finally {
    client.removeListener('error', onError)
    client.release(broken)
  }
}
