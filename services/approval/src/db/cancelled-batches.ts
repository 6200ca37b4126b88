import type { Queryable } from './queryable.ts'

export async function recordBatchCancelled(db: Queryable, batchId: string, cancelledAt: Date): Promise<void> {
  await db.query(
    'insert into cancelled_batches (batch_id, cancelled_at) values ($1, $2) on conflict (batch_id) do nothing',
    [batchId, cancelledAt],
  )
}

export async function isBatchCancelled(db: Queryable, batchId: string): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from cancelled_batches where batch_id = $1', [batchId])

  return rowCount === 1
}
