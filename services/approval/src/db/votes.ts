import type { Vote, VoteDecision } from '../domain/approval-item.ts'
import type { Queryable } from './queryable.ts'

interface VoteRow {
  approver_id: string
  decision: VoteDecision
  comment: string | null
  voted_at: Date
}

/** The votes of a request in the order they were cast. */
export async function listVotes(db: Queryable, requestId: string): Promise<Vote[]> {
  const { rows } = await db.query<VoteRow>(
    `select approver_id, decision, comment, voted_at from approval_votes where request_id = $1 order by id`,
    [requestId],
  )

  return rows.map((row) => ({
    approverId: row.approver_id,
    decision: row.decision,
    comment: row.comment,
    votedAt: row.voted_at,
  }))
}

export async function insertVote(db: Queryable, requestId: string, vote: Vote): Promise<void> {
  await db.query(
    `insert into approval_votes (request_id, approver_id, decision, comment, voted_at)
     values ($1, $2, $3, $4, $5)`,
    [requestId, vote.approverId, vote.decision, vote.comment, vote.votedAt],
  )
}
