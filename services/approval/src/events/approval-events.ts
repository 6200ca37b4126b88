import {
  newEnvelope,
  type EventMessage,
  type EventType,
  type PayeeEntityType,
  type RequestKind,
} from '@pay/contracts'

import type { ApprovalItem, ApprovalRecord, Vote } from '../domain/approval-item.ts'
import type { ApprovalPolicy } from '../domain/policy.ts'

/** Who and what caused an event: the HTTP request of a user, or the event a consumer handled. */
export interface EventOrigin {
  actorId: string | null
  correlationId: string | null
  causationId: string | null
}

// Events of one request share its id as aggregate id, hence as Kafka key, so they stay in order;
// the version is the approval item's own.
const APPROVAL = 'Approval'
const POLICY = 'ApprovalPolicy'

function envelopeOf<T extends EventType>(
  eventType: T,
  item: Pick<ApprovalItem, 'requestId'>,
  version: bigint,
  origin: EventOrigin,
  now: Date,
) {
  return newEnvelope(
    { eventType, aggregateType: APPROVAL, aggregateId: item.requestId, aggregateVersion: version, ...origin },
    { now: () => now },
  )
}

export function requestQueuedForApproval(
  item: ApprovalItem,
  origin: EventOrigin,
): EventMessage<'RequestQueuedForApproval'> {
  return {
    envelope: envelopeOf('RequestQueuedForApproval', item, item.version, origin, item.queuedAt),
    payload: {
      requestId: item.requestId,
      batchId: item.batchId,
      createdBy: item.createdBy,
      totalAmount: item.totalAmount,
      currency: item.currency,
      requiredApprovals: item.requiredApprovals,
      policyThreshold: item.policyThreshold,
    },
  }
}

export function approvalVoteRecorded(
  item: ApprovalItem,
  version: bigint,
  vote: Vote,
  approvalCount: number,
  origin: EventOrigin,
): EventMessage<'ApprovalVoteRecorded'> {
  return {
    envelope: envelopeOf('ApprovalVoteRecorded', item, version, origin, vote.votedAt),
    payload: {
      requestId: item.requestId,
      batchId: item.batchId,
      approverId: vote.approverId,
      comment: vote.comment,
      approvalCount,
      requiredApprovals: item.requiredApprovals,
    },
  }
}

/** Carries everything the ledger needs for the accrual, so it never has to ask another service. */
export function requestApproved(
  item: ApprovalItem,
  version: bigint,
  record: ApprovalRecord,
  approverIds: string[],
  origin: EventOrigin,
): EventMessage<'RequestApproved'> {
  return {
    envelope: envelopeOf('RequestApproved', item, version, origin, record.decidedAt),
    payload: {
      requestId: item.requestId,
      batchId: item.batchId,
      approverIds,
      comment: record.comment,
      decidedAt: record.decidedAt,
      requiredApprovals: record.requiredApprovals,
      policyThreshold: record.policyThreshold,
      createdBy: item.createdBy,
      kind: item.kind as RequestKind,
      payeeName: item.payeeName,
      entityType: item.entityType as PayeeEntityType | null,
      vendorId: item.vendorId,
      subcontractorId: item.subcontractorId,
      siteId: item.siteId,
      siteCode: item.siteCode,
      baseAmount: item.baseAmount,
      extraAmount: item.extraAmount,
      totalAmount: item.totalAmount,
      currency: item.currency,
    },
  }
}

export function requestRejected(
  item: ApprovalItem,
  version: bigint,
  record: ApprovalRecord,
  priorApproverIds: string[],
  origin: EventOrigin,
): EventMessage<'RequestRejected'> {
  return {
    envelope: envelopeOf('RequestRejected', item, version, origin, record.decidedAt),
    payload: {
      requestId: item.requestId,
      batchId: item.batchId,
      approverId: record.decidedBy,
      priorApproverIds,
      // The domain refuses a rejection without a comment before a record exists.
      comment: record.comment ?? '',
      decidedAt: record.decidedAt,
      requiredApprovals: record.requiredApprovals,
      policyThreshold: record.policyThreshold,
      totalAmount: item.totalAmount,
      currency: item.currency,
    },
  }
}

export function approvalPolicyChanged(
  policy: ApprovalPolicy,
  previousThreshold: bigint | null,
  origin: EventOrigin & { actorId: string },
): EventMessage<'ApprovalPolicyChanged'> {
  return {
    envelope: newEnvelope(
      {
        eventType: 'ApprovalPolicyChanged',
        aggregateType: POLICY,
        aggregateId: policy.currency,
        aggregateVersion: policy.version,
        ...origin,
      },
      { now: () => policy.updatedAt },
    ),
    payload: {
      currency: policy.currency,
      threshold: policy.threshold,
      previousThreshold,
      changedBy: origin.actorId,
    },
  }
}
