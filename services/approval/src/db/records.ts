import type { ApprovalRecord, Outcome } from '../domain/approval-item.ts'
import type { Queryable } from './queryable.ts'

interface RecordRow {
  outcome: Outcome
  decided_by: string
  comment: string | null
  required_approvals: number
  policy_threshold: bigint | null
  decided_at: Date
}

export async function findRecord(db: Queryable, requestId: string): Promise<ApprovalRecord | undefined> {
  const { rows } = await db.query<RecordRow>(
    `select outcome, decided_by, comment, required_approvals, policy_threshold, decided_at
       from approval_records where request_id = $1`,
    [requestId],
  )
  const row = rows[0]
  if (row === undefined) {
    return undefined
  }

  return {
    outcome: row.outcome,
    decidedBy: row.decided_by,
    comment: row.comment,
    requiredApprovals: row.required_approvals,
    policyThreshold: row.policy_threshold,
    decidedAt: row.decided_at,
  }
}

export async function insertRecord(db: Queryable, requestId: string, record: ApprovalRecord): Promise<void> {
  await db.query(
    `insert into approval_records
       (request_id, outcome, decided_by, comment, required_approvals, policy_threshold, decided_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      requestId,
      record.outcome,
      record.decidedBy,
      record.comment,
      record.requiredApprovals,
      record.policyThreshold,
      record.decidedAt,
    ],
  )
}
