import { formatAmount } from '@pay/money'

import type { Batch } from './batch.ts'
import { payeeNameOf, type PaymentRequest } from './payment-request.ts'

/** One request as the batch SOA shows it; amounts already formatted in their currency. */
export interface StatementLine {
  number: number
  requestId: string
  payee: string
  /** The site code of a ledger-driven request, the purpose of a legacy one. */
  reference: string
  currency: string
  baseAmount: string
  extraAmount: string
  totalAmount: string
  status: string
  decision: string
  paidAt: Date | null
}

export interface StatementTotal {
  currency: string
  requestCount: number
  requested: string
  paid: string
  rejected: string
}

/** What a batch statement of account says, independent of the format it is rendered in. */
export interface BatchStatement {
  batchId: string
  title: string
  status: string
  createdBy: string
  createdAt: Date
  submittedAt: Date | null
  completedAt: Date | null
  lines: StatementLine[]
  totals: StatementTotal[]
}

export function batchStatementOf(batch: Batch, requests: readonly PaymentRequest[]): BatchStatement {
  const ordered = [...requests].sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0))

  return {
    batchId: batch.id,
    title: batch.title,
    status: batch.status,
    createdBy: batch.createdBy,
    createdAt: batch.createdAt,
    submittedAt: batch.submittedAt,
    completedAt: batch.completedAt,
    lines: ordered.map((request, index) => lineOf(request, index + 1)),
    totals: totalsOf(ordered),
  }
}

function lineOf(request: PaymentRequest, number: number): StatementLine {
  const { fields } = request
  const currency = fields.currency

  return {
    number,
    requestId: request.id,
    payee: payeeNameOf(request),
    reference:
      fields.kind === 'LEGACY' ? fields.purpose : `${fields.entityType} at ${request.siteCode ?? ''}`,
    currency,
    baseAmount: formatAmount(fields.baseAmount, currency),
    extraAmount: formatAmount(fields.kind === 'LEDGER' ? fields.extraAmount : 0n, currency),
    totalAmount: formatAmount(request.totalAmount, currency),
    status: request.status,
    decision: decisionOf(request),
    paidAt: request.paidAt,
  }
}

function decisionOf(request: PaymentRequest): string {
  if (request.decidedAt === null) {
    return ''
  }

  const verdict = request.status === 'REJECTED' ? 'rejected' : 'approved'
  const comment = request.decisionComment === null ? '' : `: ${request.decisionComment}`

  return `${verdict} ${request.decidedAt.toISOString().slice(0, 10)} by ${request.decidedBy ?? ''}${comment}`
}

function totalsOf(requests: readonly PaymentRequest[]): StatementTotal[] {
  const sums = new Map<string, { count: number; requested: bigint; paid: bigint; rejected: bigint }>()
  for (const request of requests) {
    const currency = request.fields.currency
    const sum = sums.get(currency) ?? { count: 0, requested: 0n, paid: 0n, rejected: 0n }
    sum.count += 1
    sum.requested += request.totalAmount
    sum.paid += request.status === 'PAID' ? request.totalAmount : 0n
    sum.rejected += request.status === 'REJECTED' ? request.totalAmount : 0n
    sums.set(currency, sum)
  }

  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, sum]) => ({
      currency,
      requestCount: sum.count,
      requested: formatAmount(sum.requested, currency),
      paid: formatAmount(sum.paid, currency),
      rejected: formatAmount(sum.rejected, currency),
    }))
}
