import type { PayeeEntityType, RequestKind } from './common.ts'

export interface RequestQueuedForApprovalPayload {
  requestId: string
  batchId: string
  /** The creator, who may never decide on the request. */
  createdBy: string
  totalAmount: bigint
  currency: string
  requiredApprovals: number
  /** Dual-control threshold of the currency when the request was queued, if one is set. */
  policyThreshold: bigint | null
}

export interface ApprovalVoteRecordedPayload {
  requestId: string
  batchId: string
  approverId: string
  comment: string | null
  /** Approvals so far, this one included. */
  approvalCount: number
  requiredApprovals: number
}

export interface RequestApprovedPayload {
  requestId: string
  batchId: string
  /** In the order the approvals were given. */
  approverIds: string[]
  /** Comment of the final approval. */
  comment: string | null
  decidedAt: Date
  requiredApprovals: number
  policyThreshold: bigint | null
  createdBy: string
  kind: RequestKind
  payeeName: string
  entityType: PayeeEntityType | null
  vendorId: string | null
  subcontractorId: string | null
  siteId: string | null
  siteCode: string | null
  baseAmount: bigint
  extraAmount: bigint
  totalAmount: bigint
  currency: string
}

export interface RequestRejectedPayload {
  requestId: string
  batchId: string
  /** Who rejected. */
  approverId: string
  /** Approvals given before the rejection. */
  priorApproverIds: string[]
  comment: string
  decidedAt: Date
  requiredApprovals: number
  policyThreshold: bigint | null
  totalAmount: bigint
  currency: string
}

export interface ApprovalPolicyChangedPayload {
  currency: string
  /** Totals at or above it need two approvals. */
  threshold: bigint
  previousThreshold: bigint | null
  changedBy: string
}
