import { commonError } from '@pay/errors'
import { withTransaction, type Pool, type PoolClient } from '@pay/db'

export interface IdempotencyScope {
  userId: string
  /** Method and route pattern, e.g. `POST /batches/:batchId/submit`: keys are scoped to it. */
  route: string
  key: string
  /** Fingerprint of what was asked: the same key with another request is refused. */
  requestHash: string
}

export interface CommandResult {
  status: number
  body: unknown
}

export interface IdempotentOutcome {
  status: number
  /** The JSON text of the body, byte for byte what the first execution answered. */
  body: string
  replayed: boolean
}

export interface IdempotencyOptions {
  ttlMs: number
}

interface StoredResponse {
  request_hash: string
  response_status: number
  response_body: string
  expired: boolean
}

/**
 * Runs a command at most once per (user, route, key). The key and the command's answer are stored
 * in the command's own transaction, so a crash anywhere leaves either both or neither. A second
 * caller while the first is still running gets 409 at once instead of waiting on its row lock.
 * Only successful answers are stored: a refused command changed nothing, so running it again is safe.
 */
export async function runIdempotent(
  pool: Pool,
  scope: IdempotencyScope,
  options: IdempotencyOptions,
  command: (client: PoolClient) => Promise<CommandResult>,
): Promise<IdempotentOutcome> {
  return withTransaction(pool, async (client) => {
    const { rows: locks } = await client.query<{ locked: boolean }>(
      'select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as locked',
      // Newline separates the parts: none of them can contain one, and Postgres text refuses NUL.
      [`${scope.userId}\n${scope.route}\n${scope.key}`],
    )
    if (!locks[0]?.locked) {
      throw commonError('IDEMPOTENCY_IN_PROGRESS')
    }

    const stored = await findStored(client, scope)
    if (stored !== undefined && !stored.expired) {
      if (stored.request_hash !== scope.requestHash) {
        throw commonError('IDEMPOTENCY_KEY_REUSED')
      }

      return { status: stored.response_status, body: stored.response_body, replayed: true }
    }

    const result = await command(client)
    const body = JSON.stringify(result.body, jsonReplacer) ?? 'null'
    await client.query(
      `insert into idempotency_keys
         (user_id, route, idempotency_key, request_hash, response_status, response_body, expires_at)
       values ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7::float8 / 1000))
       on conflict (user_id, route, idempotency_key) do update
         set request_hash = excluded.request_hash, response_status = excluded.response_status,
             response_body = excluded.response_body, created_at = now(), expires_at = excluded.expires_at`,
      [scope.userId, scope.route, scope.key, scope.requestHash, result.status, body, options.ttlMs],
    )

    return { status: result.status, body, replayed: false }
  })
}

async function findStored(client: PoolClient, scope: IdempotencyScope): Promise<StoredResponse | undefined> {
  const { rows } = await client.query<StoredResponse>(
    `select request_hash, response_status, response_body, expires_at <= now() as expired
       from idempotency_keys
      where user_id = $1 and route = $2 and idempotency_key = $3`,
    [scope.userId, scope.route, scope.key],
  )

  return rows[0]
}

// Bigints (money in minor units, versions) never reach a response as numbers: the HTTP layer
// formats them, and anything left over is written as a string rather than failing the command.
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value
}

/** Deletes expired keys in small batches, so the cleanup never holds long locks. */
export async function purgeExpiredKeys(pool: Pool, limit = 1_000): Promise<number> {
  const { rowCount } = await pool.query(
    `delete from idempotency_keys
      where ctid in (select ctid from idempotency_keys where expires_at <= now() limit $1)`,
    [limit],
  )

  return rowCount ?? 0
}
