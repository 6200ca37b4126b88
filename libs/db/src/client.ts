import type pg from 'pg'

/**
 * Runs `work` on one client checked out of the pool and always gives it back. A checked-out client
 * whose connection dies (a server restart, a terminated backend) emits 'error', which unheard ends
 * the process: it is heard here, and such a client, or one `work` discards, is destroyed instead
 * of returned, because its connection state is unknown.
 */
export async function withClient<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient, discard: (error: Error) => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  const discard = (error: Error) => {
    broken ??= error
  }
  client.on('error', discard)

  try {
    return await work(client, discard)
  } finally {
    client.removeListener('error', discard)
    client.release(broken)
  }
}
