import { resultOf, skipped, type CheckContext, type CheckResult, type Violation } from './types.ts'

interface ViewRow {
  request_id: string
  request_status: string | null
  submitted_settled: boolean
  item_status: string | null
  outcome: string | null
  outcome_settled: boolean
}

const waiting = ['SUBMITTED', 'PENDING_APPROVAL']

/**
 * The request service and the approval service tell the same story of every request: a request
 * APPROVED or PAID has an APPROVED record, a REJECTED one a REJECTED record, a submitted one an
 * approval item, and a decision has reached the request once it had time to. (PAID ⇔ settlement is
 * the ledger check's.)
 */
export async function checkViewsAgree(context: CheckContext): Promise<CheckResult> {
  const name = 'request-approval-views-agree'
  if (!context.services.has('request') || !context.services.has('approval')) {
    return skipped(name, 'no request or approval schema')
  }

  const approval = context.schema('approval')
  const { rows } = await context.pool.query<ViewRow>(
    `select coalesce(r.id, i.request_id) as request_id, r.status as request_status,
            coalesce(r.submitted_at < now() - make_interval(secs => $1), false) as submitted_settled,
            i.status as item_status, d.outcome,
            coalesce(d.decided_at < now() - make_interval(secs => $1), false) as outcome_settled
       from ${context.schema('request')}.payment_requests r
       full join ${approval}.approval_items i on i.request_id = r.id
       left join ${approval}.approval_records d on d.request_id = coalesce(r.id, i.request_id)
      where r.id is null or r.status <> 'DRAFT' or i.request_id is not null`,
    [context.settleSeconds],
  )
  const violations: Violation[] = []
  for (const row of rows) {
    const problem = disagreement(row)
    if (problem !== undefined) {
      violations.push({
        message: problem,
        ids: {
          requestId: row.request_id,
          requestStatus: row.request_status ?? 'none',
          approvalOutcome: row.outcome ?? 'none',
        },
      })
    }
  }

  return resultOf(name, violations)
}

function disagreement(row: ViewRow): string | undefined {
  const status = row.request_status
  if (status === null) {
    return 'the approval service holds a request the request service does not know'
  }
  if (status === 'DRAFT') {
    return 'a DRAFT request is in the approval queue'
  }
  if ((status === 'APPROVED' || status === 'PAID') && row.outcome !== 'APPROVED') {
    return `a ${status} request has no APPROVED approval record`
  }
  if (status === 'REJECTED' && row.outcome !== 'REJECTED') {
    return 'a REJECTED request has no REJECTED approval record'
  }
  if (status === 'PENDING_APPROVAL' && row.item_status === null) {
    return 'a request PENDING_APPROVAL has no approval item'
  }
  if (status === 'SUBMITTED' && row.item_status === null && row.submitted_settled) {
    return 'a submitted request never reached the approval service'
  }
  if (row.outcome !== null && waiting.includes(status) && row.outcome_settled) {
    return `the approval service decided ${row.outcome} but the request is still ${status}`
  }
  if (row.outcome === 'APPROVED' && status === 'REJECTED') {
    return 'approved by the approval service, rejected in the request service'
  }

  return undefined
}
