import type { Batch } from '../domain/batch.ts'
import type { BatchStatus } from '../domain/state-machine.ts'
import type { CurrencyTotal } from '../domain/totals.ts'
import type { Queryable } from './queryable.ts'

interface BatchRow {
  id: string
  seq: bigint
  title: string
  status: BatchStatus
  created_by: string
  version: bigint
  created_at: Date
  updated_at: Date
  submitted_at: Date | null
  processing_started_at: Date | null
  completed_at: Date | null
}

const COLUMNS = `id, seq, title, status, created_by, version, created_at, updated_at, submitted_at,
  processing_started_at, completed_at`

export async function insertBatch(
  db: Queryable,
  batch: { id: string; title: string; createdBy: string },
): Promise<Batch> {
  const { rows } = await db.query<BatchRow>(
    `insert into batches (id, title, status, created_by) values ($1, $2, 'DRAFT', $3) returning ${COLUMNS}`,
    [batch.id, batch.title, batch.createdBy],
  )

  return batchOf(rows[0]!)
}

export async function findBatch(db: Queryable, id: string): Promise<Batch | undefined> {
  const { rows } = await db.query<BatchRow>(`select ${COLUMNS} from batches where id = $1`, [id])

  return rows[0] === undefined ? undefined : batchOf(rows[0])
}

/**
 * Locks a batch for the rest of the transaction. Status changes take it exclusively; changes to
 * the requests of a draft take it shared, so they run side by side but never beside a submit.
 */
export async function lockBatch(
  db: Queryable,
  id: string,
  mode: 'update' | 'share',
): Promise<Batch | undefined> {
  const { rows } = await db.query<BatchRow>(
    `select ${COLUMNS} from batches where id = $1 for ${mode === 'update' ? 'update' : 'share'}`,
    [id],
  )

  return rows[0] === undefined ? undefined : batchOf(rows[0])
}

/** Moves a locked batch to `status`, stamping the time column that status carries. */
export async function setBatchStatus(db: Queryable, id: string, status: BatchStatus): Promise<Batch> {
  const { rows } = await db.query<BatchRow>(
    `update batches
        set status = $2,
            version = version + 1,
            updated_at = now(),
            submitted_at = case when $2 = 'SUBMITTED' then now() else submitted_at end,
            processing_started_at = case when $2 = 'PROCESSING' then now() else processing_started_at end,
            completed_at = case when $2 in ('COMPLETED', 'CANCELLED') then now() else completed_at end
      where id = $1
      returning ${COLUMNS}`,
    [id, status],
  )

  return batchOf(rows[0]!)
}

export interface BatchListFilter {
  createdBy: string | undefined
  status: BatchStatus | undefined
  /** Newest first: only batches older than this position. */
  beforeSeq: bigint | undefined
  limit: number
}

export async function listBatches(db: Queryable, filter: BatchListFilter): Promise<Batch[]> {
  const { rows } = await db.query<BatchRow>(
    `select ${COLUMNS} from batches
      where ($1::uuid is null or created_by = $1)
        and ($2::text is null or status = $2)
        and ($3::bigint is null or seq < $3)
      order by seq desc
      limit $4`,
    [filter.createdBy ?? null, filter.status ?? null, filter.beforeSeq?.toString() ?? null, filter.limit],
  )

  return rows.map(batchOf)
}

/** Totals per currency of each batch, for list pages that show no requests. */
export async function totalsOfBatches(
  db: Queryable,
  batchIds: string[],
): Promise<Map<string, CurrencyTotal[]>> {
  const { rows } = await db.query<{
    batch_id: string
    currency: string
    amount: string
    request_count: number
  }>(
    `select batch_id, currency, sum(total_amount)::text as amount, count(*)::int as request_count
       from payment_requests
      where batch_id = any($1::uuid[])
      group by batch_id, currency
      order by batch_id, currency`,
    [batchIds],
  )
  const totals = new Map<string, CurrencyTotal[]>(batchIds.map((id) => [id, []]))
  for (const row of rows) {
    totals.get(row.batch_id)?.push({
      currency: row.currency,
      amount: BigInt(row.amount),
      requestCount: row.request_count,
    })
  }

  return totals
}

function batchOf(row: BatchRow): Batch {
  return {
    id: row.id,
    seq: row.seq,
    title: row.title,
    status: row.status,
    createdBy: row.created_by,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    processingStartedAt: row.processing_started_at,
    completedAt: row.completed_at,
  }
}
