import type { PayloadOf } from '@pay/contracts'
import { isCurrency } from '@pay/money'

import type { Payee } from '../domain/accounts.ts'
import type { PayableRequest } from '../domain/journal.ts'

/** An approved or paid event the ledger cannot post from; retrying will not help. */
export class UnpostableEventError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnpostableEventError'
  }
}

type PaymentPayload = PayloadOf<'RequestApproved'> | PayloadOf<'RequestPaid'>

/** What the ledger posts from a `RequestApproved` or `RequestPaid` payload. */
export function payableRequestOf(payload: PaymentPayload): PayableRequest {
  if (!isCurrency(payload.currency)) {
    throw new UnpostableEventError(`request ${payload.requestId}: unsupported currency ${payload.currency}`)
  }

  if (payload.totalAmount < 0n) {
    throw new UnpostableEventError(`request ${payload.requestId}: negative total`)
  }

  return {
    requestId: payload.requestId,
    payee: payeeOf(payload),
    site: payload.siteId === null ? null : { id: payload.siteId, code: payload.siteCode },
    amount: payload.totalAmount,
    currency: payload.currency,
  }
}

function payeeOf(payload: PaymentPayload): Payee {
  if (payload.kind === 'LEGACY') {
    return { type: 'LEGACY', name: payload.payeeName }
  }

  if (payload.kind === 'LEDGER' && payload.entityType === 'VENDOR' && payload.vendorId !== null) {
    return { type: 'VENDOR', id: payload.vendorId, name: payload.payeeName }
  }

  if (
    payload.kind === 'LEDGER' &&
    payload.entityType === 'SUBCONTRACTOR' &&
    payload.subcontractorId !== null
  ) {
    return { type: 'SUBCONTRACTOR', id: payload.subcontractorId, name: payload.payeeName }
  }

  // UNKNOWN kinds come from a newer writer than this service: it must be upgraded to post them.
  throw new UnpostableEventError(
    `request ${payload.requestId}: no payee in kind ${payload.kind}, entity type ${payload.entityType}`,
  )
}
