import { formatAmount } from '@pay/money'

import type { Batch } from '../domain/batch.ts'
import { payeeNameOf, type PaymentRequest } from '../domain/payment-request.ts'
import type { SoaDocument } from '../domain/soa-document.ts'
import { totalsByCurrency, type CurrencyTotal } from '../domain/totals.ts'

/** The JSON of a batch: with its requests on a single read, with totals only in lists. */
export function presentBatch(batch: Batch, requests: readonly PaymentRequest[]) {
  const totals = totalsByCurrency(
    requests.map((request) => ({ currency: request.fields.currency, totalAmount: request.totalAmount })),
  )

  return { ...presentBatchSummary(batch, totals), requests: requests.map(presentRequest) }
}

export function presentBatchSummary(batch: Batch, totals: readonly CurrencyTotal[]) {
  return {
    id: batch.id,
    title: batch.title,
    status: batch.status,
    createdBy: batch.createdBy,
    requestCount: totals.reduce((count, total) => count + total.requestCount, 0),
    totals: totals.map((total) => ({
      currency: total.currency,
      amount: formatAmount(total.amount, total.currency),
      requestCount: total.requestCount,
    })),
    version: Number(batch.version),
    createdAt: batch.createdAt.toISOString(),
    updatedAt: batch.updatedAt.toISOString(),
    submittedAt: batch.submittedAt?.toISOString() ?? null,
    processingStartedAt: batch.processingStartedAt?.toISOString() ?? null,
    completedAt: batch.completedAt?.toISOString() ?? null,
  }
}

export function presentRequest(request: PaymentRequest) {
  const { fields } = request
  const currency = fields.currency
  const legacy = fields.kind === 'LEGACY' ? fields : undefined
  const ledger = fields.kind === 'LEDGER' ? fields : undefined

  return {
    id: request.id,
    batchId: request.batchId,
    kind: fields.kind,
    status: request.status,
    currency,
    baseAmount: formatAmount(fields.baseAmount, currency),
    extraAmount: formatAmount(ledger?.extraAmount ?? 0n, currency),
    totalAmount: formatAmount(request.totalAmount, currency),
    extraReason: ledger?.extraReason ?? null,
    payeeName: payeeNameOf(request),
    beneficiaryName: legacy?.beneficiaryName ?? null,
    beneficiaryAccount: legacy?.beneficiaryAccount ?? null,
    purpose: legacy?.purpose ?? null,
    entityType: ledger?.entityType ?? null,
    vendorId: ledger?.vendorId ?? null,
    subcontractorId: ledger?.subcontractorId ?? null,
    siteId: ledger?.siteId ?? null,
    siteCode: request.siteCode,
    createdBy: request.createdBy,
    version: Number(request.version),
    createdAt: request.createdAt.toISOString(),
    updatedAt: request.updatedAt.toISOString(),
    submittedAt: request.submittedAt?.toISOString() ?? null,
    decidedAt: request.decidedAt?.toISOString() ?? null,
    decidedBy: request.decidedBy,
    decisionComment: request.decisionComment,
    paidAt: request.paidAt?.toISOString() ?? null,
    paidBy: request.paidBy,
  }
}

export function presentSoaDocument(document: SoaDocument) {
  return {
    version: document.version,
    source: document.source,
    fileName: document.fileName,
    contentType: document.contentType,
    size: Number(document.size),
    sha256: document.sha256,
    uploadedBy: document.uploadedBy,
    uploadedAt: document.uploadedAt.toISOString(),
  }
}
