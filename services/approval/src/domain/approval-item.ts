/** PENDING until decided; CLOSED when its batch was cancelled before a decision. */
export type ItemStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'CLOSED'

export type VoteDecision = 'APPROVE' | 'REJECT'

export type Outcome = 'APPROVED' | 'REJECTED'

/** A submitted request waiting for (or past) its decision, with the snapshot it was submitted with. */
export interface ApprovalItem {
  requestId: string
  batchId: string
  createdBy: string
  kind: string
  payeeName: string
  beneficiaryName: string | null
  beneficiaryAccount: string | null
  purpose: string | null
  entityType: string | null
  vendorId: string | null
  subcontractorId: string | null
  siteId: string | null
  siteCode: string | null
  extraReason: string | null
  baseAmount: bigint
  extraAmount: bigint
  totalAmount: bigint
  currency: string
  /** Fixed when the item was queued; a later policy change does not move it. */
  requiredApprovals: number
  policyThreshold: bigint | null
  status: ItemStatus
  version: bigint
  queuedAt: Date
  closedAt: Date | null
}

export interface Vote {
  approverId: string
  decision: VoteDecision
  comment: string | null
  votedAt: Date
}

/** The final decision on a request. */
export interface ApprovalRecord {
  outcome: Outcome
  decidedBy: string
  comment: string | null
  requiredApprovals: number
  policyThreshold: bigint | null
  decidedAt: Date
}

/** Approvers in the order their approvals were given. */
export function approverIdsOf(votes: readonly Vote[]): string[] {
  return votes.filter((vote) => vote.decision === 'APPROVE').map((vote) => vote.approverId)
}
