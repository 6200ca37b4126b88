/** The dual-control threshold of one currency, in minor units. */
export interface ApprovalPolicy {
  currency: string
  threshold: bigint
  version: bigint
  /** Null when the policy was seeded from configuration. */
  updatedBy: string | null
  updatedAt: Date
}

/** What a request needs, decided once when it is queued. */
export interface AppliedPolicy {
  requiredApprovals: 1 | 2
  /** The threshold that was compared, or null when its currency has none. */
  policyThreshold: bigint | null
}

/** A total at or above the threshold of its currency needs two approvals; no threshold, one. */
export function applyPolicy(totalAmount: bigint, threshold: bigint | null): AppliedPolicy {
  if (threshold === null) {
    return { requiredApprovals: 1, policyThreshold: null }
  }

  return { requiredApprovals: totalAmount >= threshold ? 2 : 1, policyThreshold: threshold }
}
