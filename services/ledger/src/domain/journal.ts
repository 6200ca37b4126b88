import {
  bankClearingAccountOf,
  expenseAccountOf,
  payableAccountOf,
  type AccountSpec,
  type Payee,
  type SiteRef,
} from './accounts.ts'

export type EntryKind = 'ACCRUAL' | 'SETTLEMENT'

export type PostingSide = 'DEBIT' | 'CREDIT'

/** What the ledger needs to know of an approved or paid payment request. */
export interface PayableRequest {
  requestId: string
  payee: Payee
  site: SiteRef | null
  /** The request's total (base + extra), in minor units of `currency`. */
  amount: bigint
  currency: string
}

export interface DraftLine {
  account: AccountSpec
  side: PostingSide
  amount: bigint
}

export interface EntryDraft {
  kind: EntryKind
  requestId: string
  currency: string
  description: string
  lines: DraftLine[]
}

export class UnbalancedEntryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnbalancedEntryError'
  }
}

/** Approval makes the debt: the site bears the expense, the payee is owed it. */
export function accrualOf(request: PayableRequest): EntryDraft {
  return balanced({
    kind: 'ACCRUAL',
    requestId: request.requestId,
    currency: request.currency,
    description: `Accrual for payment request ${request.requestId}`,
    lines: [
      { account: expenseAccountOf(request.site), side: 'DEBIT', amount: request.amount },
      { account: payableAccountOf(request.payee), side: 'CREDIT', amount: request.amount },
    ],
  })
}

/** Payment settles the debt: the payee is no longer owed, the money left through the bank. */
export function settlementOf(request: PayableRequest): EntryDraft {
  return balanced({
    kind: 'SETTLEMENT',
    requestId: request.requestId,
    currency: request.currency,
    description: `Settlement of payment request ${request.requestId}`,
    lines: [
      { account: payableAccountOf(request.payee), side: 'DEBIT', amount: request.amount },
      { account: bankClearingAccountOf(request.currency), side: 'CREDIT', amount: request.amount },
    ],
  })
}

/** Debits minus credits: positive for a debit balance, negative for a credit balance. */
export function netOf(lines: readonly { side: PostingSide; amount: bigint }[]): bigint {
  return lines.reduce((sum, line) => (line.side === 'DEBIT' ? sum + line.amount : sum - line.amount), 0n)
}

/**
 * The database refuses an unbalanced entry at commit anyway; checking here names the mistake
 * before anything is written.
 */
function balanced(draft: EntryDraft): EntryDraft {
  if (draft.lines.some((line) => line.amount < 0n)) {
    throw new UnbalancedEntryError(`${draft.kind} of ${draft.requestId} has a negative amount`)
  }

  if (netOf(draft.lines) !== 0n) {
    throw new UnbalancedEntryError(`${draft.kind} of ${draft.requestId} is not balanced`)
  }

  return draft
}
