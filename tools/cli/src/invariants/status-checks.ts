import { batchMismatch, batchMoves, isLegalMove, requestMoves, type BatchCensus } from './lifecycle.ts'
import { resultOf, skipped, type CheckContext, type CheckResult, type Violation } from './types.ts'

const statusEvents = ['BatchSubmitted', 'BatchProcessingStarted', 'BatchCompleted', 'BatchCancelled']

/**
 * Every status is one of the lifecycle's, and every status change the audit trail recorded is a
 * move the lifecycle allows.
 */
export async function checkStateMachine(context: CheckContext): Promise<CheckResult> {
  const name = 'state-machine'
  if (!context.services.has('request')) {
    return skipped(name, 'no request schema')
  }

  const request = context.schema('request')
  const violations: Violation[] = []
  const { rows: requests } = await context.pool.query<{ id: string; status: string }>(
    `select id, status from ${request}.payment_requests where not (status = any($1::text[]))`,
    [Object.keys(requestMoves)],
  )
  for (const row of requests) {
    violations.push({ message: `request has unknown status ${row.status}`, ids: { requestId: row.id } })
  }
  const { rows: batches } = await context.pool.query<{ id: string; status: string }>(
    `select id, status from ${request}.batches where not (status = any($1::text[]))`,
    [Object.keys(batchMoves)],
  )
  for (const row of batches) {
    violations.push({ message: `batch has unknown status ${row.status}`, ids: { batchId: row.id } })
  }

  if (context.services.has('audit')) {
    const { rows: moves } = await context.pool.query<{
      event_id: string
      event_type: string
      entity_id: string
      from_status: string | null
      to_status: string | null
    }>(
      `select event_id, event_type, entity_id, previous_state ->> 'status' as from_status,
              new_state ->> 'status' as to_status
         from ${context.schema('audit')}.audit_log
        where event_type = any($1::text[])`,
      [['RequestStatusChanged', ...statusEvents]],
    )
    for (const move of moves) {
      const table = move.event_type === 'RequestStatusChanged' ? requestMoves : batchMoves
      if (!isLegalMove(table, move.from_status ?? '', move.to_status ?? '')) {
        violations.push({
          message: `${move.event_type} recorded an illegal move ${move.from_status} → ${move.to_status}`,
          ids: { entityId: move.entity_id, eventId: move.event_id },
        })
      }
    }
  }

  return resultOf(name, violations)
}

/** A batch's status follows from its requests' (COMPLETED exactly when all are PAID or REJECTED…). */
export async function checkBatchConsistency(context: CheckContext): Promise<CheckResult> {
  const name = 'batch-status-consistent'
  if (!context.services.has('request')) {
    return skipped(name, 'no request schema')
  }

  const request = context.schema('request')
  const { rows } = await context.pool.query<BatchCensus & { id: string }>(
    `select b.id, b.status,
            count(r.id)::int as requests,
            (count(*) filter (where r.status = 'DRAFT'))::int as draft,
            (count(*) filter (where r.status in ('SUBMITTED', 'PENDING_APPROVAL')))::int as waiting,
            (count(*) filter (where r.status = 'APPROVED'))::int as approved,
            (count(*) filter (where r.status in ('PAID', 'REJECTED')))::int as terminal
       from ${request}.batches b
       left join ${request}.payment_requests r on r.batch_id = b.id
      group by b.id, b.status`,
  )
  const violations: Violation[] = []
  for (const row of rows) {
    const mismatch = batchMismatch(row)
    if (mismatch !== undefined) {
      violations.push({
        message: `${mismatch} (${row.requests} requests: ${row.draft} draft, ${row.waiting} waiting, ${row.approved} approved, ${row.terminal} paid or rejected)`,
        ids: { batchId: row.id, status: row.status },
      })
    }
  }

  return resultOf(name, violations)
}
