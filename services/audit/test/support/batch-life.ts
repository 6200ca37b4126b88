import { randomUUID } from 'node:crypto'

import {
  newEnvelope,
  type EventMessage,
  type EventType,
  type PayloadOf,
  type RequestSnapshot,
} from '@pay/contracts'

export interface Actors {
  admin: string
  creator: string
  approver: string
}

/** A step of the story: the command's correlation id, its actor, and the event that caused it, if any. */
interface Origin {
  actorId: string | null
  correlationId: string
  causedBy?: EventMessage
}

function event<T extends EventType>(
  eventType: T,
  aggregate: { type: string; id: string; version: number },
  origin: Origin,
  payload: PayloadOf<T>,
): EventMessage<T> {
  return {
    envelope: newEnvelope({
      eventType,
      aggregateType: aggregate.type,
      aggregateId: aggregate.id,
      aggregateVersion: aggregate.version,
      actorId: origin.actorId,
      correlationId: origin.correlationId,
      causationId: origin.causedBy?.envelope.eventId ?? null,
    }),
    payload,
  }
}

/**
 * Every event the services publish, in the order they publish them, for one batch from creation
 * to completion: request 1 is edited, approved, accrued, paid and settled; request 2 is rejected.
 * Besides, an identity change, a failed login and a master-data change, so every topic is used.
 */
export function batchLife(
  actors: Actors = { admin: randomUUID(), creator: randomUUID(), approver: randomUUID() },
) {
  const batchId = randomUUID()
  const vendorId = randomUUID()
  const siteId = randomUUID()
  const first = randomUUID()
  const second = randomUUID()
  const expense = randomUUID()
  const payable = randomUUID()
  const bank = randomUUID()
  const command = (actorId: string | null): Origin => ({ actorId, correlationId: randomUUID() })
  const reaction = (cause: EventMessage): Origin => ({
    actorId: cause.envelope.actorId,
    correlationId: cause.envelope.correlationId!,
    causedBy: cause,
  })
  const batch = (version: number) => ({ type: 'Batch', id: batchId, version })
  const request = (id: string, version: number) => ({ type: 'PaymentRequest', id, version })
  const approval = (id: string, version: number) => ({ type: 'ApprovalRecord', id, version })
  const head = { batchId, title: 'March subcontractors', createdBy: actors.creator }
  const legacy: RequestSnapshot = {
    requestId: first,
    batchId,
    kind: 'LEGACY',
    status: 'DRAFT',
    baseAmount: 125_000n,
    extraAmount: 0n,
    totalAmount: 125_000n,
    currency: 'EUR',
    payeeName: 'ACME Scaffolding',
    beneficiaryName: 'ACME Scaffolding',
    beneficiaryAccount: 'DE89370400440532013000',
    purpose: 'March scaffolding rent',
    entityType: null,
    vendorId: null,
    subcontractorId: null,
    siteId: null,
    siteCode: null,
    extraReason: null,
    createdBy: actors.creator,
  }
  const ledger: RequestSnapshot = {
    ...legacy,
    requestId: second,
    kind: 'LEDGER',
    baseAmount: 90_000n,
    extraAmount: 5_000n,
    totalAmount: 95_000n,
    payeeName: 'Northwind Cranes',
    beneficiaryName: null,
    beneficiaryAccount: null,
    purpose: null,
    entityType: 'VENDOR',
    vendorId,
    siteId,
    siteCode: 'BER-01',
    extraReason: 'weekend surcharge',
  }
  const events: EventMessage[] = []
  const emit = <T extends EventType>(message: EventMessage<T>): EventMessage<T> => {
    events.push(message as unknown as EventMessage)
    return message
  }

  const onboarding = command(actors.admin)
  emit(
    event('UserCreated', { type: 'User', id: actors.creator, version: 1 }, onboarding, {
      userId: actors.creator,
      username: 'carla.creator',
      displayName: 'Carla Creator',
      role: 'CREATOR',
      active: true,
    }),
  )
  emit(
    event('SecurityEventRecorded', { type: 'SecurityEvent', id: randomUUID(), version: 1 }, command(null), {
      kind: 'LOGIN_FAILED',
      userId: null,
      username: 'mallory',
      ip: '127.0.0.1',
      detail: 'wrong password',
      userAgent: 'curl/8',
    }),
  )
  emit(
    event('VendorChanged', { type: 'Vendor', id: vendorId, version: 1 }, command(actors.admin), {
      vendorId,
      name: 'Northwind Cranes',
      vendorTypeId: randomUUID(),
      active: true,
      effectiveFrom: new Date('2025-01-01T00:00:00.000Z'),
      deactivatedAt: null,
      version: 1n,
    }),
  )

  emit(event('BatchCreated', batch(1), command(actors.creator), { ...head, status: 'DRAFT' }))
  emit(event('RequestCreated', request(first, 1), command(actors.creator), legacy))
  emit(event('RequestCreated', request(second, 1), command(actors.creator), ledger))
  emit(
    event('RequestUpdated', request(first, 2), command(actors.creator), { ...legacy, purpose: 'March rent' }),
  )

  const submit = command(actors.creator)
  const totals = [{ currency: 'EUR', amount: 220_000n, requestCount: 2 }]
  emit(
    event('BatchSubmitted', batch(2), submit, {
      ...head,
      fromStatus: 'DRAFT',
      toStatus: 'SUBMITTED',
      requestCount: 2,
      totals,
      requestIds: [first, second],
    }),
  )
  const submitted = [
    emit(event('RequestSubmitted', request(first, 3), submit, { ...legacy, status: 'SUBMITTED' })),
    emit(event('RequestSubmitted', request(second, 2), submit, { ...ledger, status: 'SUBMITTED' })),
  ]
  for (const [index, cause] of submitted.entries()) {
    const snapshot = cause.payload
    const queued = emit(
      event('RequestQueuedForApproval', approval(snapshot.requestId, 1), reaction(cause), {
        requestId: snapshot.requestId,
        batchId,
        createdBy: actors.creator,
        totalAmount: snapshot.totalAmount,
        currency: 'EUR',
        requiredApprovals: 1,
        policyThreshold: null,
      }),
    )
    emit(
      event('RequestStatusChanged', request(snapshot.requestId, index === 0 ? 4 : 3), reaction(queued), {
        requestId: snapshot.requestId,
        batchId,
        fromStatus: 'SUBMITTED',
        toStatus: 'PENDING_APPROVAL',
        reason: null,
      }),
    )
  }
  emit(
    event('BatchProcessingStarted', batch(3), reaction(submitted[1]!), {
      ...head,
      fromStatus: 'SUBMITTED',
      toStatus: 'PROCESSING',
      requestCount: 2,
      totals,
    }),
  )

  const approve = command(actors.approver)
  emit(
    event('ApprovalVoteRecorded', approval(first, 2), approve, {
      requestId: first,
      batchId,
      approverId: actors.approver,
      comment: 'ok',
      approvalCount: 1,
      requiredApprovals: 1,
    }),
  )
  const approved = emit(
    event('RequestApproved', approval(first, 3), approve, {
      requestId: first,
      batchId,
      approverIds: [actors.approver],
      comment: 'ok',
      decidedAt: new Date(),
      requiredApprovals: 1,
      policyThreshold: null,
      createdBy: actors.creator,
      kind: 'LEGACY',
      payeeName: legacy.payeeName,
      entityType: null,
      vendorId: null,
      subcontractorId: null,
      siteId: null,
      siteCode: null,
      baseAmount: legacy.baseAmount,
      extraAmount: 0n,
      totalAmount: legacy.totalAmount,
      currency: 'EUR',
    }),
  )
  emit(
    event('RequestStatusChanged', request(first, 5), reaction(approved), {
      requestId: first,
      batchId,
      fromStatus: 'PENDING_APPROVAL',
      toStatus: 'APPROVED',
      reason: null,
    }),
  )
  for (const [accountId, code, kind] of [
    [expense, '6000-BER-01', 'EXPENSE'],
    [payable, '2000-ACME', 'PAYABLE'],
    [bank, '1200', 'BANK_CLEARING'],
  ] as const) {
    emit(
      event('AccountOpened', { type: 'LedgerAccount', id: accountId, version: 1 }, reaction(approved), {
        accountId,
        code,
        name: code,
        kind,
        currency: 'EUR',
        ownerType: null,
        ownerId: null,
      }),
    )
  }
  emit(journalEntry('ACCRUAL', first, expense, payable, 125_000n, reaction(approved)))

  const reject = command(actors.approver)
  const rejected = emit(
    event('RequestRejected', approval(second, 2), reject, {
      requestId: second,
      batchId,
      approverId: actors.approver,
      priorApproverIds: [],
      comment: 'surcharge not agreed',
      decidedAt: new Date(),
      requiredApprovals: 1,
      policyThreshold: null,
      totalAmount: ledger.totalAmount,
      currency: 'EUR',
    }),
  )
  emit(
    event('RequestStatusChanged', request(second, 4), reaction(rejected), {
      requestId: second,
      batchId,
      fromStatus: 'PENDING_APPROVAL',
      toStatus: 'REJECTED',
      reason: 'surcharge not agreed',
    }),
  )

  const markPaid = command(actors.admin)
  const paid = emit(
    event('RequestPaid', request(first, 6), markPaid, {
      requestId: first,
      batchId,
      kind: 'LEGACY',
      payeeName: legacy.payeeName,
      beneficiaryAccount: legacy.beneficiaryAccount,
      entityType: null,
      vendorId: null,
      subcontractorId: null,
      siteId: null,
      siteCode: null,
      baseAmount: legacy.baseAmount,
      extraAmount: 0n,
      totalAmount: legacy.totalAmount,
      currency: 'EUR',
      paidBy: actors.admin,
      paidAt: new Date(),
    }),
  )
  emit(
    event('BatchCompleted', batch(4), markPaid, {
      ...head,
      fromStatus: 'PROCESSING',
      toStatus: 'COMPLETED',
      requestCount: 2,
      paidCount: 1,
      rejectedCount: 1,
      paidTotals: [{ currency: 'EUR', amount: 125_000n, requestCount: 1 }],
    }),
  )
  emit(journalEntry('SETTLEMENT', first, payable, bank, 125_000n, reaction(paid)))
  for (const [id, version] of [
    [first, 7],
    [second, 5],
  ] as const) {
    emit(
      event(
        'SoaDocumentAdded',
        request(id, version),
        { ...markPaid, actorId: null },
        {
          requestId: id,
          batchId,
          version: 1,
          source: 'GENERATED',
          fileName: `soa-${batchId}.pdf`,
          contentType: 'application/pdf',
          size: 20_480n,
          sha256: 'ab'.repeat(32),
          uploadedBy: null,
          uploadedAt: new Date(),
        },
      ),
    )
  }

  return { events, batchId, requestIds: [first, second] as const, actors }
}

function journalEntry(
  kind: 'ACCRUAL' | 'SETTLEMENT',
  requestId: string,
  debit: string,
  credit: string,
  amount: bigint,
  origin: Origin,
): EventMessage<'JournalEntryPosted'> {
  const entryId = randomUUID()

  return event('JournalEntryPosted', { type: 'JournalEntry', id: entryId, version: 1 }, origin, {
    entryId,
    kind,
    requestId,
    currency: 'EUR',
    postedAt: new Date(),
    postings: [
      { accountId: debit, accountCode: 'debit', side: 'DEBIT', amount },
      { accountId: credit, accountCode: 'credit', side: 'CREDIT', amount },
    ],
  })
}
