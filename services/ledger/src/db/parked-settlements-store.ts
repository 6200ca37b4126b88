import type { Pool, PoolClient } from '@pay/db'

import type { Payee } from '../domain/accounts.ts'
import type { PayableRequest } from '../domain/journal.ts'

/** A payment that arrived before its approval, waiting for the accrual. */
export interface ParkedSettlement {
  request: PayableRequest
  sourceEventId: string
  correlationId: string | null
  parkedAt: Date
}

interface ParkedRow {
  request_id: string
  source_event_id: string
  correlation_id: string | null
  payee_type: Payee['type']
  payee_id: string | null
  payee_name: string
  site_id: string | null
  site_code: string | null
  amount: bigint
  currency: string
  parked_at: Date
}

/** Parks a settlement; a second payment event for the same request changes nothing. */
export async function parkSettlement(
  client: PoolClient,
  parked: Omit<ParkedSettlement, 'parkedAt'>,
): Promise<boolean> {
  const { request } = parked
  const { rowCount } = await client.query(
    `insert into parked_settlements
       (request_id, source_event_id, correlation_id, payee_type, payee_id, payee_name,
        site_id, site_code, amount, currency)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (request_id) do nothing`,
    [
      request.requestId,
      parked.sourceEventId,
      parked.correlationId,
      request.payee.type,
      request.payee.type === 'LEGACY' ? null : request.payee.id,
      request.payee.name,
      request.site?.id ?? null,
      request.site?.code ?? null,
      request.amount,
      request.currency,
    ],
  )

  return (rowCount ?? 0) > 0
}

/** Removes and returns the request's parked settlement, if any; the caller posts it in the same transaction. */
export async function takeParkedSettlement(
  client: PoolClient,
  requestId: string,
): Promise<ParkedSettlement | undefined> {
  const { rows } = await client.query<ParkedRow>(
    'delete from parked_settlements where request_id = $1 returning *',
    [requestId],
  )

  return rows[0] === undefined ? undefined : parkedOf(rows[0])
}

/** Requests whose parked settlement can be posted now because their accrual exists. */
export async function requestsReadyToSettle(db: Pool | PoolClient, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ request_id: string }>(
    `select p.request_id
       from parked_settlements p
      where exists (select 1 from journal_entries e where e.request_id = p.request_id and e.kind = 'ACCRUAL')
      order by p.parked_at
      limit $1`,
    [limit],
  )

  return rows.map((row) => row.request_id)
}

export async function parkedSettlementStats(
  db: Pool | PoolClient,
): Promise<{ count: number; oldestAgeSeconds: number }> {
  const { rows } = await db.query<{ count: bigint; oldest_seconds: number | null }>(
    `select count(*) as count, extract(epoch from now() - min(parked_at))::float8 as oldest_seconds
       from parked_settlements`,
  )

  return { count: Number(rows[0]?.count ?? 0n), oldestAgeSeconds: rows[0]?.oldest_seconds ?? 0 }
}

function parkedOf(row: ParkedRow): ParkedSettlement {
  return {
    request: {
      requestId: row.request_id,
      payee: payeeOf(row),
      site: row.site_id === null ? null : { id: row.site_id, code: row.site_code },
      amount: row.amount,
      currency: row.currency,
    },
    sourceEventId: row.source_event_id,
    correlationId: row.correlation_id,
    parkedAt: row.parked_at,
  }
}

function payeeOf(row: ParkedRow): Payee {
  if (row.payee_type === 'LEGACY' || row.payee_id === null) {
    return { type: 'LEGACY', name: row.payee_name }
  }

  return { type: row.payee_type, id: row.payee_id, name: row.payee_name }
}
