import type { Pool } from '@pay/db'

import type { ThrottleCount } from '../domain/login-throttle.ts'

/**
 * Counts one attempt in a bucket, starting a new window when the current one began before
 * `windowStartAfter`; the increment is atomic, so concurrent attempts are all counted.
 */
export async function countAttempt(
  pool: Pool,
  bucket: string,
  now: Date,
  windowStartAfter: Date,
): Promise<ThrottleCount> {
  const { rows } = await pool.query<{ attempts: number; window_started_at: Date }>(
    `insert into login_throttle as t (bucket, window_started_at, attempts) values ($1, $2, 1)
     on conflict (bucket) do update set
       attempts = case when t.window_started_at <= $3 then 1 else t.attempts + 1 end,
       window_started_at = case when t.window_started_at <= $3 then $2 else t.window_started_at end
     returning attempts, window_started_at`,
    [bucket, now, windowStartAfter],
  )
  const row = rows[0]!

  return { attempts: row.attempts, windowStartedAt: row.window_started_at }
}

/** Takes back the attempt of a successful login, so that successes never lock anyone out. */
export async function giveBackAttempt(pool: Pool, bucket: string): Promise<void> {
  await pool.query('update login_throttle set attempts = greatest(attempts - 1, 0) where bucket = $1', [
    bucket,
  ])
}

export async function clearBucket(pool: Pool, bucket: string): Promise<void> {
  await pool.query('delete from login_throttle where bucket = $1', [bucket])
}

export async function purgeStaleBuckets(pool: Pool, startedBefore: Date, limit = 1_000): Promise<number> {
  const { rowCount } = await pool.query(
    `delete from login_throttle
      where bucket in (select bucket from login_throttle where window_started_at < $1 limit $2)`,
    [startedBefore, limit],
  )

  return rowCount ?? 0
}
