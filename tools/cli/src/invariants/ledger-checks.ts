import { resultOf, skipped, type CheckContext, type CheckResult, type Violation } from './types.ts'

interface RequestRow {
  id: string
  status: string
  currency: string
  total: bigint
  decision_settled: boolean
  payment_settled: boolean
}

interface EntryRow {
  id: string
  request_id: string
  kind: 'ACCRUAL' | 'SETTLEMENT'
  currency: string
  debit: bigint
  credit: bigint
}

/**
 * Exactly one accrual per approved or paid request and one settlement per paid one, each for the
 * request's total in its currency; no entry for a request that should have none.
 */
export async function checkJournal(context: CheckContext): Promise<CheckResult> {
  const name = 'ledger-entries'
  if (!context.services.has('request') || !context.services.has('ledger')) {
    return skipped(name, 'no request or ledger schema')
  }

  const { rows: requests } = await context.pool.query<RequestRow>(
    `select id, status, currency, total_amount as total,
            coalesce(decided_at < now() - make_interval(secs => $1), false) as decision_settled,
            coalesce(paid_at < now() - make_interval(secs => $1), false) as payment_settled
       from ${context.schema('request')}.payment_requests
      where status in ('APPROVED', 'PAID')
         or id in (select request_id from ${context.schema('ledger')}.journal_entries)`,
    [context.settleSeconds],
  )
  const entries = await journalEntries(context)
  const byRequest = new Map<string, EntryRow[]>()
  for (const entry of entries) {
    byRequest.set(entry.request_id, [...(byRequest.get(entry.request_id) ?? []), entry])
  }

  const violations: Violation[] = []
  const known = new Set<string>()
  for (const request of requests) {
    known.add(request.id)
    const own = byRequest.get(request.id) ?? []
    const accruals = own.filter((entry) => entry.kind === 'ACCRUAL')
    const settlements = own.filter((entry) => entry.kind === 'SETTLEMENT')
    const ids = { requestId: request.id, status: request.status }
    const accrues = request.status === 'APPROVED' || request.status === 'PAID'

    if (accrues && accruals.length === 0 && request.decision_settled) {
      violations.push({ message: 'an approved request has no accrual', ids })
    }
    if (!accrues && accruals.length > 0) {
      violations.push({ message: `a ${request.status} request has an accrual`, ids })
    }
    if (request.status === 'PAID' && settlements.length === 0 && request.payment_settled) {
      violations.push({ message: 'a paid request has no settlement', ids })
    }
    if (request.status !== 'PAID' && settlements.length > 0) {
      violations.push({ message: `a ${request.status} request has a settlement`, ids })
    }
    for (const group of [accruals, settlements]) {
      if (group.length > 1) {
        violations.push({ message: `${group.length} ${group[0]!.kind} entries for one request`, ids })
      }
    }
    for (const entry of own) {
      if (entry.currency !== request.currency || entry.debit !== request.total) {
        violations.push({
          message: `${entry.kind} of ${entry.debit} ${entry.currency} for a request of ${request.total} ${request.currency}`,
          ids: { ...ids, entryId: entry.id },
        })
      }
    }
  }
  for (const entry of entries) {
    if (!known.has(entry.request_id)) {
      violations.push({
        message: `${entry.kind} for a request the request service does not know`,
        ids: { requestId: entry.request_id, entryId: entry.id },
      })
    }
  }

  return resultOf(name, violations)
}

/** Debits equal credits in every entry and, summed, in every currency. */
export async function checkTrialBalance(context: CheckContext): Promise<CheckResult> {
  const name = 'trial-balance'
  if (!context.services.has('ledger')) {
    return skipped(name, 'no ledger schema')
  }

  const violations: Violation[] = []
  for (const entry of await journalEntries(context)) {
    if (entry.debit !== entry.credit || entry.debit === 0n) {
      violations.push({
        message: `entry debits ${entry.debit} and credits ${entry.credit}`,
        ids: { entryId: entry.id, requestId: entry.request_id },
      })
    }
  }
  const { rows } = await context.pool.query<{ currency: string; debit: bigint; credit: bigint }>(
    `select currency,
            coalesce(sum(amount) filter (where side = 'DEBIT'), 0)::int8 as debit,
            coalesce(sum(amount) filter (where side = 'CREDIT'), 0)::int8 as credit
       from ${context.schema('ledger')}.postings group by currency`,
  )
  for (const row of rows) {
    if (row.debit !== row.credit) {
      violations.push({
        message: `${row.currency} debits ${row.debit} ≠ credits ${row.credit}`,
        ids: { currency: row.currency },
      })
    }
  }

  return resultOf(name, violations)
}

async function journalEntries(context: CheckContext): Promise<EntryRow[]> {
  const { rows } = await context.pool.query<EntryRow>(
    `select e.id, e.request_id, e.kind, e.currency,
            coalesce(sum(p.amount) filter (where p.side = 'DEBIT'), 0)::int8 as debit,
            coalesce(sum(p.amount) filter (where p.side = 'CREDIT'), 0)::int8 as credit
       from ${context.schema('ledger')}.journal_entries e
       left join ${context.schema('ledger')}.postings p on p.entry_id = e.id
      group by e.id`,
  )

  return rows
}
