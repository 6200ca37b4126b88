import { newEnvelope, type EventMessage } from '@pay/contracts'

/** The fields of a request (as the API returns it) that approval events repeat. */
export interface RequestView {
  id: string
  batchId: string
  createdBy: string
  totalAmount: string
  currency: string
}

function minor(amount: string): bigint {
  return BigInt(amount.replace('.', ''))
}

function envelope<T extends 'RequestQueuedForApproval' | 'RequestApproved' | 'RequestRejected'>(
  eventType: T,
  request: RequestView,
  version: number,
  actorId: string | null,
) {
  return newEnvelope({
    eventType,
    aggregateType: 'Approval',
    aggregateId: request.id,
    aggregateVersion: version,
    actorId,
    correlationId: `corr-${request.id}`,
  })
}

export function queuedForApproval(request: RequestView): EventMessage<'RequestQueuedForApproval'> {
  return {
    envelope: envelope('RequestQueuedForApproval', request, 1, null),
    payload: {
      requestId: request.id,
      batchId: request.batchId,
      createdBy: request.createdBy,
      totalAmount: minor(request.totalAmount),
      currency: request.currency,
      requiredApprovals: 1,
      policyThreshold: null,
    },
  }
}

export function approved(request: RequestView, approverId: string): EventMessage<'RequestApproved'> {
  return {
    envelope: envelope('RequestApproved', request, 2, approverId),
    payload: {
      requestId: request.id,
      batchId: request.batchId,
      approverIds: [approverId],
      comment: 'looks right',
      decidedAt: new Date(),
      requiredApprovals: 1,
      policyThreshold: null,
      createdBy: request.createdBy,
      kind: 'LEGACY',
      payeeName: 'someone',
      entityType: null,
      vendorId: null,
      subcontractorId: null,
      siteId: null,
      siteCode: null,
      baseAmount: minor(request.totalAmount),
      extraAmount: 0n,
      totalAmount: minor(request.totalAmount),
      currency: request.currency,
    },
  }
}

export function rejected(request: RequestView, approverId: string): EventMessage<'RequestRejected'> {
  return {
    envelope: envelope('RequestRejected', request, 2, approverId),
    payload: {
      requestId: request.id,
      batchId: request.batchId,
      approverId,
      priorApproverIds: [],
      comment: 'duplicate invoice',
      decidedAt: new Date(),
      requiredApprovals: 1,
      policyThreshold: null,
      totalAmount: minor(request.totalAmount),
      currency: request.currency,
    },
  }
}
