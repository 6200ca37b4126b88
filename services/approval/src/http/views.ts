import { formatAmount } from '@pay/money'

import type { ApprovalItem, ApprovalRecord, Vote } from '../domain/approval-item.ts'
import { approverIdsOf } from '../domain/approval-item.ts'
import type { ApprovalPolicy } from '../domain/policy.ts'

// Money leaves the service as decimal strings of its currency, never as numbers.
const money = (minor: bigint, currency: string) => formatAmount(minor, currency)

export function queueItemView(item: ApprovalItem, approvalCount: number) {
  return {
    requestId: item.requestId,
    batchId: item.batchId,
    createdBy: item.createdBy,
    kind: item.kind,
    payeeName: item.payeeName,
    beneficiaryName: item.beneficiaryName,
    beneficiaryAccount: item.beneficiaryAccount,
    purpose: item.purpose,
    entityType: item.entityType,
    vendorId: item.vendorId,
    subcontractorId: item.subcontractorId,
    siteId: item.siteId,
    siteCode: item.siteCode,
    extraReason: item.extraReason,
    baseAmount: money(item.baseAmount, item.currency),
    extraAmount: money(item.extraAmount, item.currency),
    totalAmount: money(item.totalAmount, item.currency),
    currency: item.currency,
    requiredApprovals: item.requiredApprovals,
    approvalCount,
    policyThreshold: item.policyThreshold === null ? null : money(item.policyThreshold, item.currency),
    queuedAt: item.queuedAt.toISOString(),
  }
}

/** A request's approval history: every vote in order, and the decision once there is one. */
export function historyView(item: ApprovalItem, votes: readonly Vote[], record: ApprovalRecord | undefined) {
  return {
    requestId: item.requestId,
    batchId: item.batchId,
    createdBy: item.createdBy,
    status: item.status,
    totalAmount: money(item.totalAmount, item.currency),
    currency: item.currency,
    requiredApprovals: item.requiredApprovals,
    approvalCount: approverIdsOf(votes).length,
    policyThreshold: item.policyThreshold === null ? null : money(item.policyThreshold, item.currency),
    votes: votes.map((vote) => ({
      approverId: vote.approverId,
      decision: vote.decision,
      comment: vote.comment,
      votedAt: vote.votedAt.toISOString(),
    })),
    decision:
      record === undefined
        ? null
        : {
            outcome: record.outcome,
            decidedBy: record.decidedBy,
            comment: record.comment,
            decidedAt: record.decidedAt.toISOString(),
          },
    queuedAt: item.queuedAt.toISOString(),
    closedAt: item.closedAt?.toISOString() ?? null,
    version: Number(item.version),
  }
}

export function policyView(policy: ApprovalPolicy) {
  return {
    currency: policy.currency,
    threshold: money(policy.threshold, policy.currency),
    version: Number(policy.version),
    updatedBy: policy.updatedBy,
    updatedAt: policy.updatedAt.toISOString(),
  }
}
