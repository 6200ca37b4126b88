import { newEnvelope, type EventMessage, type EventType, type RequestSnapshot } from '@pay/contracts'

import { payeeNameOf, type PaymentRequest } from '../domain/payment-request.ts'
import type { SoaDocument } from '../domain/soa-document.ts'
import type { RequestStatus } from '../domain/state-machine.ts'
import type { EventCause } from './event-cause.ts'

export const REQUEST_AGGREGATE = 'PaymentRequest'

function envelopeOf<T extends EventType>(eventType: T, request: PaymentRequest, cause: EventCause) {
  return newEnvelope({
    eventType,
    aggregateType: REQUEST_AGGREGATE,
    aggregateId: request.id,
    aggregateVersion: request.version,
    ...cause,
  })
}

/** The request's full state, as the approval service and the audit trail need it. */
export function snapshotOf(request: PaymentRequest): RequestSnapshot {
  const { fields } = request
  const legacy = fields.kind === 'LEGACY' ? fields : undefined
  const ledger = fields.kind === 'LEDGER' ? fields : undefined

  return {
    requestId: request.id,
    batchId: request.batchId,
    kind: fields.kind,
    status: request.status,
    baseAmount: fields.baseAmount,
    extraAmount: ledger?.extraAmount ?? 0n,
    totalAmount: request.totalAmount,
    currency: fields.currency,
    payeeName: payeeNameOf(request),
    beneficiaryName: legacy?.beneficiaryName ?? null,
    beneficiaryAccount: legacy?.beneficiaryAccount ?? null,
    purpose: legacy?.purpose ?? null,
    entityType: ledger?.entityType ?? null,
    vendorId: ledger?.vendorId ?? null,
    subcontractorId: ledger?.subcontractorId ?? null,
    siteId: ledger?.siteId ?? null,
    siteCode: request.siteCode,
    extraReason: ledger?.extraReason ?? null,
    createdBy: request.createdBy,
  }
}

type SnapshotEvent = 'RequestCreated' | 'RequestUpdated' | 'RequestSubmitted'

export function requestSnapshotEvent<T extends SnapshotEvent>(
  eventType: T,
  request: PaymentRequest,
  cause: EventCause,
): EventMessage<T> {
  return { envelope: envelopeOf(eventType, request, cause), payload: snapshotOf(request) } as EventMessage<T>
}

export function requestStatusChanged(
  request: PaymentRequest,
  from: RequestStatus,
  reason: string | null,
  cause: EventCause,
): EventMessage<'RequestStatusChanged'> {
  return {
    envelope: envelopeOf('RequestStatusChanged', request, cause),
    payload: {
      requestId: request.id,
      batchId: request.batchId,
      fromStatus: from,
      toStatus: request.status,
      reason,
    },
  }
}

export function requestPaid(request: PaymentRequest, cause: EventCause): EventMessage<'RequestPaid'> {
  const snapshot = snapshotOf(request)

  return {
    envelope: envelopeOf('RequestPaid', request, cause),
    payload: {
      requestId: request.id,
      batchId: request.batchId,
      kind: snapshot.kind,
      payeeName: snapshot.payeeName,
      beneficiaryAccount: snapshot.beneficiaryAccount,
      entityType: snapshot.entityType,
      vendorId: snapshot.vendorId,
      subcontractorId: snapshot.subcontractorId,
      siteId: snapshot.siteId,
      siteCode: snapshot.siteCode,
      baseAmount: snapshot.baseAmount,
      extraAmount: snapshot.extraAmount,
      totalAmount: snapshot.totalAmount,
      currency: snapshot.currency,
      paidBy: request.paidBy ?? '',
      paidAt: request.paidAt ?? new Date(),
    },
  }
}

export function soaDocumentAdded(
  request: PaymentRequest,
  document: SoaDocument,
  cause: EventCause,
): EventMessage<'SoaDocumentAdded'> {
  return {
    envelope: envelopeOf('SoaDocumentAdded', request, cause),
    payload: {
      requestId: request.id,
      batchId: request.batchId,
      version: document.version,
      source: document.source,
      fileName: document.fileName,
      contentType: document.contentType,
      size: document.size,
      sha256: document.sha256,
      uploadedBy: document.uploadedBy,
      uploadedAt: document.uploadedAt,
    },
  }
}
