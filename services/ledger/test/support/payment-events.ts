import { randomUUID } from 'node:crypto'

import { newEnvelope, type EventMessage } from '@pay/contracts'

export type TestPayee =
  { type: 'VENDOR' | 'SUBCONTRACTOR'; id: string; name: string } | { type: 'LEGACY'; name: string }

export interface TestRequest {
  requestId: string
  batchId: string
  payee: TestPayee
  siteId: string | null
  siteCode: string | null
  baseAmount: bigint
  extraAmount: bigint
  currency: string
}

export function testRequest(overrides: Partial<TestRequest> = {}): TestRequest {
  return {
    requestId: randomUUID(),
    batchId: randomUUID(),
    payee: { type: 'VENDOR', id: randomUUID(), name: 'Acme Supplies' },
    siteId: randomUUID(),
    siteCode: 'NORTH-1',
    baseAmount: 100_000n,
    extraAmount: 2_500n,
    currency: 'USD',
    ...overrides,
  }
}

const approverId = randomUUID()
const creatorId = randomUUID()
const financeId = randomUUID()

/** `RequestApproved` as the approval service publishes it. */
export function approvedEvent(request: TestRequest): EventMessage<'RequestApproved'> {
  return {
    envelope: newEnvelope({
      eventType: 'RequestApproved',
      aggregateType: 'PaymentRequest',
      aggregateId: request.requestId,
      aggregateVersion: 4,
      actorId: approverId,
      correlationId: `corr-${request.requestId}`,
    }),
    payload: {
      requestId: request.requestId,
      batchId: request.batchId,
      approverIds: [approverId],
      comment: null,
      decidedAt: new Date(),
      requiredApprovals: 1,
      policyThreshold: null,
      createdBy: creatorId,
      ...payeeFields(request),
    },
  }
}

/** `RequestPaid` as the request service publishes it. */
export function paidEvent(request: TestRequest): EventMessage<'RequestPaid'> {
  return {
    envelope: newEnvelope({
      eventType: 'RequestPaid',
      aggregateType: 'PaymentRequest',
      aggregateId: request.requestId,
      aggregateVersion: 5,
      actorId: financeId,
      correlationId: `corr-paid-${request.requestId}`,
    }),
    payload: {
      requestId: request.requestId,
      batchId: request.batchId,
      beneficiaryAccount: request.payee.type === 'LEGACY' ? 'DE89370400440532013000' : null,
      paidBy: financeId,
      paidAt: new Date(),
      ...payeeFields(request),
    },
  }
}

/** The same event again under a new event id, as a replaying producer would send it. */
export function reissued<T extends EventMessage>(event: T): T {
  return { ...event, envelope: { ...event.envelope, eventId: randomUUID() } }
}

function payeeFields(request: TestRequest) {
  const { payee } = request
  return {
    kind: payee.type === 'LEGACY' ? ('LEGACY' as const) : ('LEDGER' as const),
    payeeName: payee.name,
    entityType: payee.type === 'LEGACY' ? null : payee.type,
    vendorId: payee.type === 'VENDOR' ? payee.id : null,
    subcontractorId: payee.type === 'SUBCONTRACTOR' ? payee.id : null,
    siteId: request.siteId,
    siteCode: request.siteCode,
    baseAmount: request.baseAmount,
    extraAmount: request.extraAmount,
    totalAmount: request.baseAmount + request.extraAmount,
    currency: request.currency,
  }
}
