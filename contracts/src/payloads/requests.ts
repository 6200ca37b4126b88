import type { BatchStatus, PayeeEntityType, RequestKind, RequestStatus } from './common.ts'

export interface CurrencyTotal {
  currency: string
  amount: bigint
  requestCount: number
}

interface BatchHead {
  batchId: string
  title: string
  createdBy: string
}

interface BatchTransition extends BatchHead {
  fromStatus: BatchStatus
  toStatus: BatchStatus
}

export interface BatchCreatedPayload extends BatchHead {
  status: BatchStatus
}

export interface BatchSubmittedPayload extends BatchTransition {
  requestCount: number
  totals: CurrencyTotal[]
  requestIds: string[]
}

export interface BatchProcessingStartedPayload extends BatchTransition {
  requestCount: number
  totals: CurrencyTotal[]
}

export interface BatchCompletedPayload extends BatchTransition {
  requestCount: number
  paidCount: number
  rejectedCount: number
  paidTotals: CurrencyTotal[]
}

export interface BatchCancelledPayload extends BatchTransition {
  requestCount: number
}

/** Full state of a payment request, as RequestCreated, RequestUpdated and RequestSubmitted carry it. */
export interface RequestSnapshot {
  requestId: string
  batchId: string
  kind: RequestKind
  status: RequestStatus
  baseAmount: bigint
  extraAmount: bigint
  /** baseAmount + extraAmount. */
  totalAmount: bigint
  currency: string
  /** Who is paid: the beneficiary (legacy) or the vendor/subcontractor name snapshot (ledger). */
  payeeName: string
  beneficiaryName: string | null
  beneficiaryAccount: string | null
  purpose: string | null
  entityType: PayeeEntityType | null
  vendorId: string | null
  subcontractorId: string | null
  siteId: string | null
  siteCode: string | null
  extraReason: string | null
  createdBy: string
}

export type RequestCreatedPayload = RequestSnapshot

export type RequestUpdatedPayload = RequestSnapshot

export type RequestSubmittedPayload = RequestSnapshot

export interface RequestStatusChangedPayload {
  requestId: string
  batchId: string
  fromStatus: RequestStatus
  toStatus: RequestStatus
  reason: string | null
}

export interface RequestPaidPayload {
  requestId: string
  batchId: string
  kind: RequestKind
  payeeName: string
  beneficiaryAccount: string | null
  entityType: PayeeEntityType | null
  vendorId: string | null
  subcontractorId: string | null
  siteId: string | null
  siteCode: string | null
  baseAmount: bigint
  extraAmount: bigint
  totalAmount: bigint
  currency: string
  paidBy: string
  paidAt: Date
}

export type SoaSource = 'UPLOAD' | 'GENERATED' | 'UNKNOWN'

export interface SoaDocumentAddedPayload {
  requestId: string
  batchId: string
  version: number
  source: SoaSource
  fileName: string
  contentType: string
  /** Bytes. */
  size: bigint
  /** Lowercase hex. */
  sha256: string
  /** Null when the system generated the document. */
  uploadedBy: string | null
  uploadedAt: Date
}
