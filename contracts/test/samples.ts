import type { EventMessage, EventType, RequestSnapshot } from '../src/index.ts'

/** One valid message of every event type, typed so that a missing event type fails to compile. */
export type Samples = { [T in EventType]: EventMessage<T> }

const at = new Date('2025-03-14T09:26:53.589Z')
const ids = {
  user: '0b6c1f5e-3d2a-4e8f-9a1b-2c3d4e5f6a7b',
  admin: '1c7d2a6f-4e3b-4f90-8b2c-3d4e5f6a7b8c',
  approver: '2d8e3b70-5f4c-4a01-9c3d-4e5f6a7b8c9d',
  secondApprover: '3e9f4c81-6a5d-4b12-8d4e-5f6a7b8c9dae',
  batch: '4fa05d92-7b6e-4c23-9e5f-6a7b8c9daebf',
  request: '5ab16ea3-8c7f-4d34-8f6a-7b8c9daebfc0',
  vendor: '6bc27fb4-9d8a-4e45-9a7b-8c9daebfc0d1',
  vendorType: '7cd380c5-ae9b-4f56-8b8c-9daebfc0d1e2',
  site: '8de491d6-bfac-4a67-9c9d-aebfc0d1e2f3',
  client: '9ef5a2e7-c0bd-4b78-8dae-bfc0d1e2f304',
  scope: 'af06b3f8-d1ce-4c89-9ebf-c0d1e2f30415',
  subcontractor: 'b017c409-e2df-4d9a-8fc0-d1e2f3041526',
  entry: 'c128d51a-f3e0-4eab-9ad1-e2f304152637',
  account: 'd239e62b-04f1-4fbc-8be2-f30415263748',
  event: 'e34af73c-1502-4acd-9cf3-041526374859',
}

/** Above 2^53: survives only if no float is involved anywhere. */
export const HUGE_AMOUNT = 2n ** 62n + 12345n

function envelope<T extends EventType>(eventType: T, aggregateType: string, aggregateId: string) {
  return {
    eventId: ids.event,
    eventType,
    occurredAt: at,
    aggregateType,
    aggregateId,
    aggregateVersion: 3n,
    actorId: ids.admin,
    correlationId: 'req-7f3a',
    causationId: null,
  }
}

const ledgerRequest: RequestSnapshot = {
  requestId: ids.request,
  batchId: ids.batch,
  kind: 'LEDGER',
  status: 'SUBMITTED',
  baseAmount: HUGE_AMOUNT,
  extraAmount: 2500n,
  totalAmount: HUGE_AMOUNT + 2500n,
  currency: 'EUR',
  payeeName: 'Acme Scaffolding',
  beneficiaryName: null,
  beneficiaryAccount: null,
  purpose: null,
  entityType: 'VENDOR',
  vendorId: ids.vendor,
  subcontractorId: null,
  siteId: ids.site,
  siteCode: 'BER-01',
  extraReason: 'night shift',
  createdBy: ids.user,
}

const legacyRequest: RequestSnapshot = {
  ...ledgerRequest,
  kind: 'LEGACY',
  status: 'DRAFT',
  baseAmount: 125000n,
  extraAmount: 0n,
  totalAmount: 125000n,
  payeeName: 'Jane Roe',
  beneficiaryName: 'Jane Roe',
  beneficiaryAccount: 'DE89370400440532013000',
  purpose: 'consulting, March',
  entityType: null,
  vendorId: null,
  siteId: null,
  siteCode: null,
  extraReason: null,
}

const totals = [
  { currency: 'EUR', amount: HUGE_AMOUNT, requestCount: 2 },
  { currency: 'USD', amount: 990n, requestCount: 1 },
]

const lifecycle = { active: true, effectiveFrom: at, deactivatedAt: null, version: 4n }

export const samples: Samples = {
  UserCreated: {
    envelope: envelope('UserCreated', 'User', ids.user),
    payload: { userId: ids.user, username: 'jroe', displayName: 'Jane Roe', role: 'CREATOR', active: true },
  },
  UserChanged: {
    envelope: envelope('UserChanged', 'User', ids.user),
    payload: {
      userId: ids.user,
      username: 'jroe',
      previous: { displayName: 'Jane Roe', role: 'CREATOR', active: true },
      current: { displayName: 'Jane Roe', role: 'APPROVER', active: false },
    },
  },
  SecurityEventRecorded: {
    envelope: envelope('SecurityEventRecorded', 'User', ids.user),
    payload: {
      kind: 'TOKEN_REJECTED',
      userId: null,
      username: 'jroe',
      ip: '203.0.113.7',
      detail: 'signature mismatch',
      userAgent: 'curl/8.5.0',
    },
  },

  BatchCreated: {
    envelope: envelope('BatchCreated', 'Batch', ids.batch),
    payload: { batchId: ids.batch, title: 'March suppliers', createdBy: ids.user, status: 'DRAFT' },
  },
  BatchSubmitted: {
    envelope: envelope('BatchSubmitted', 'Batch', ids.batch),
    payload: {
      batchId: ids.batch,
      title: 'March suppliers',
      createdBy: ids.user,
      fromStatus: 'DRAFT',
      toStatus: 'SUBMITTED',
      requestCount: 3,
      totals,
      requestIds: [ids.request, ids.entry, ids.account],
    },
  },
  BatchProcessingStarted: {
    envelope: envelope('BatchProcessingStarted', 'Batch', ids.batch),
    payload: {
      batchId: ids.batch,
      title: 'March suppliers',
      createdBy: ids.user,
      fromStatus: 'SUBMITTED',
      toStatus: 'PROCESSING',
      requestCount: 3,
      totals,
    },
  },
  BatchCompleted: {
    envelope: envelope('BatchCompleted', 'Batch', ids.batch),
    payload: {
      batchId: ids.batch,
      title: 'March suppliers',
      createdBy: ids.user,
      fromStatus: 'PROCESSING',
      toStatus: 'COMPLETED',
      requestCount: 3,
      paidCount: 2,
      rejectedCount: 1,
      paidTotals: [],
    },
  },
  BatchCancelled: {
    envelope: envelope('BatchCancelled', 'Batch', ids.batch),
    payload: {
      batchId: ids.batch,
      title: 'March suppliers',
      createdBy: ids.user,
      fromStatus: 'DRAFT',
      toStatus: 'CANCELLED',
      requestCount: 0,
    },
  },
  RequestCreated: {
    envelope: envelope('RequestCreated', 'PaymentRequest', ids.request),
    payload: legacyRequest,
  },
  RequestUpdated: {
    envelope: envelope('RequestUpdated', 'PaymentRequest', ids.request),
    payload: { ...legacyRequest, purpose: 'consulting, March and April' },
  },
  RequestSubmitted: {
    envelope: envelope('RequestSubmitted', 'PaymentRequest', ids.request),
    payload: ledgerRequest,
  },
  RequestStatusChanged: {
    envelope: envelope('RequestStatusChanged', 'PaymentRequest', ids.request),
    payload: {
      requestId: ids.request,
      batchId: ids.batch,
      fromStatus: 'SUBMITTED',
      toStatus: 'PENDING_APPROVAL',
      reason: null,
    },
  },
  RequestPaid: {
    envelope: envelope('RequestPaid', 'PaymentRequest', ids.request),
    payload: {
      requestId: ids.request,
      batchId: ids.batch,
      kind: 'LEDGER',
      payeeName: 'Acme Scaffolding',
      beneficiaryAccount: null,
      entityType: 'VENDOR',
      vendorId: ids.vendor,
      subcontractorId: null,
      siteId: ids.site,
      siteCode: 'BER-01',
      baseAmount: HUGE_AMOUNT,
      extraAmount: 2500n,
      totalAmount: HUGE_AMOUNT + 2500n,
      currency: 'EUR',
      paidBy: ids.admin,
      paidAt: at,
    },
  },
  SoaDocumentAdded: {
    envelope: envelope('SoaDocumentAdded', 'PaymentRequest', ids.request),
    payload: {
      requestId: ids.request,
      batchId: ids.batch,
      version: 2,
      source: 'GENERATED',
      fileName: 'soa-march.pdf',
      contentType: 'application/pdf',
      size: 48213n,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      uploadedBy: null,
      uploadedAt: at,
    },
  },

  RequestQueuedForApproval: {
    envelope: envelope('RequestQueuedForApproval', 'PaymentRequest', ids.request),
    payload: {
      requestId: ids.request,
      batchId: ids.batch,
      createdBy: ids.user,
      totalAmount: HUGE_AMOUNT,
      currency: 'EUR',
      requiredApprovals: 2,
      policyThreshold: 1000000n,
    },
  },
  ApprovalVoteRecorded: {
    envelope: envelope('ApprovalVoteRecorded', 'PaymentRequest', ids.request),
    payload: {
      requestId: ids.request,
      batchId: ids.batch,
      approverId: ids.approver,
      comment: 'fine by me',
      approvalCount: 1,
      requiredApprovals: 2,
    },
  },
  RequestApproved: {
    envelope: envelope('RequestApproved', 'PaymentRequest', ids.request),
    payload: {
      requestId: ids.request,
      batchId: ids.batch,
      approverIds: [ids.approver, ids.secondApprover],
      comment: null,
      decidedAt: at,
      requiredApprovals: 2,
      policyThreshold: 1000000n,
      createdBy: ids.user,
      kind: 'LEDGER',
      payeeName: 'Acme Scaffolding',
      entityType: 'SUBCONTRACTOR',
      vendorId: null,
      subcontractorId: ids.subcontractor,
      siteId: ids.site,
      siteCode: 'BER-01',
      baseAmount: HUGE_AMOUNT,
      extraAmount: 0n,
      totalAmount: HUGE_AMOUNT,
      currency: 'EUR',
    },
  },
  RequestRejected: {
    envelope: envelope('RequestRejected', 'PaymentRequest', ids.request),
    payload: {
      requestId: ids.request,
      batchId: ids.batch,
      approverId: ids.secondApprover,
      priorApproverIds: [ids.approver],
      comment: 'duplicate of an earlier request',
      decidedAt: at,
      requiredApprovals: 2,
      policyThreshold: null,
      totalAmount: 125000n,
      currency: 'EUR',
    },
  },
  ApprovalPolicyChanged: {
    envelope: envelope('ApprovalPolicyChanged', 'ApprovalPolicy', 'EUR'),
    payload: { currency: 'EUR', threshold: 1000000n, previousThreshold: null, changedBy: ids.admin },
  },

  ClientChanged: {
    envelope: envelope('ClientChanged', 'Client', ids.client),
    payload: { clientId: ids.client, name: 'Northwind', ...lifecycle },
  },
  SiteChanged: {
    envelope: envelope('SiteChanged', 'Site', ids.site),
    payload: { siteId: ids.site, code: 'BER-01', name: 'Berlin yard', clientId: ids.client, ...lifecycle },
  },
  VendorTypeChanged: {
    envelope: envelope('VendorTypeChanged', 'VendorType', ids.vendorType),
    payload: { vendorTypeId: ids.vendorType, name: 'Equipment', ...lifecycle },
  },
  VendorChanged: {
    envelope: envelope('VendorChanged', 'Vendor', ids.vendor),
    payload: {
      vendorId: ids.vendor,
      name: 'Acme Scaffolding',
      vendorTypeId: ids.vendorType,
      ...lifecycle,
      active: false,
      deactivatedAt: new Date('2025-04-01T00:00:00.000Z'),
    },
  },
  SubcontractorScopeChanged: {
    envelope: envelope('SubcontractorScopeChanged', 'SubcontractorScope', ids.scope),
    payload: { scopeId: ids.scope, name: 'Electrical', ...lifecycle },
  },
  SubcontractorChanged: {
    envelope: envelope('SubcontractorChanged', 'Subcontractor', ids.subcontractor),
    payload: {
      subcontractorId: ids.subcontractor,
      name: 'Volt & Sons',
      scopeId: ids.scope,
      assignedSiteId: ids.site,
      ...lifecycle,
    },
  },

  AccountOpened: {
    envelope: envelope('AccountOpened', 'Account', ids.account),
    payload: {
      accountId: ids.account,
      code: '2100-VEN-ACME',
      name: 'Payable to Acme Scaffolding',
      kind: 'PAYABLE',
      currency: 'EUR',
      ownerType: 'VENDOR',
      ownerId: ids.vendor,
    },
  },
  JournalEntryPosted: {
    envelope: envelope('JournalEntryPosted', 'PaymentRequest', ids.request),
    payload: {
      entryId: ids.entry,
      kind: 'ACCRUAL',
      requestId: ids.request,
      currency: 'EUR',
      postedAt: at,
      postings: [
        { accountId: ids.account, accountCode: '6000-SITE-BER-01', side: 'DEBIT', amount: HUGE_AMOUNT },
        { accountId: ids.account, accountCode: '2100-VEN-ACME', side: 'CREDIT', amount: HUGE_AMOUNT },
      ],
    },
  },
}

export const sampleIds = ids
