import type pg from 'pg'

import { withClient } from './client.ts'

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
  return withClient(pool, async (client, discard) => {
    try {
      await client.query(options.isolation ? `begin isolation level ${options.isolation}` : 'begin')
      const result = await work(client)
      await client.query('commit')
      return result
    } catch (error) {
      await client.query('rollback').catch((rollbackError: Error) => discard(rollbackError))
      throw error
    }
  })
}
