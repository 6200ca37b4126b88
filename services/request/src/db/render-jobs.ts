import type { Queryable } from './queryable.ts'

/** Records, in the transaction that completes a batch, that its SOA still has to be rendered. */
export async function enqueueSoaRender(
  db: Queryable,
  job: { batchId: string; correlationId: string | null; causationId: string },
): Promise<void> {
  await db.query(
    `insert into soa_render_jobs (batch_id, correlation_id, causation_id) values ($1, $2, $3)
     on conflict (batch_id) do nothing`,
    [job.batchId, job.correlationId, job.causationId],
  )
}

export interface SoaRenderJob {
  batchId: string
  correlationId: string | null
  causationId: string | null
}

/**
 * Takes the oldest due job and keeps it locked for the caller's transaction; other renderers skip
 * it. Finishing the job in that same transaction is what makes the rendering happen exactly once.
 */
export async function claimSoaRender(db: Queryable): Promise<SoaRenderJob | undefined> {
  const { rows } = await db.query<{
    batch_id: string
    correlation_id: string | null
    causation_id: string | null
  }>(
    `select batch_id, correlation_id, causation_id from soa_render_jobs
      where done_at is null and next_attempt_at <= now()
      order by next_attempt_at
      limit 1
      for update skip locked`,
  )

  const row = rows[0]

  return row === undefined
    ? undefined
    : { batchId: row.batch_id, correlationId: row.correlation_id, causationId: row.causation_id }
}

export async function finishSoaRender(db: Queryable, batchId: string): Promise<void> {
  await db.query('update soa_render_jobs set done_at = now(), attempts = attempts + 1 where batch_id = $1', [
    batchId,
  ])
}

/** Pushes a failed job back, later each time, so a persistent failure does not spin. */
export async function postponeSoaRender(db: Queryable, batchId: string, error: string): Promise<void> {
  await db.query(
    `update soa_render_jobs
        set attempts = attempts + 1,
            last_error = $2,
            next_attempt_at = now() + least(interval '10 minutes', interval '1 second' * power(2, attempts))
      where batch_id = $1 and done_at is null`,
    [batchId, error.slice(0, 1_000)],
  )
}

export async function pendingSoaRenders(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ pending: number }>(
    'select count(*)::int as pending from soa_render_jobs where done_at is null',
  )

  return rows[0]?.pending ?? 0
}
