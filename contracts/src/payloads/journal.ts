export type AccountKind = 'EXPENSE' | 'PAYABLE' | 'BANK_CLEARING' | 'UNKNOWN'

export type AccountOwnerType = 'SITE' | 'VENDOR' | 'SUBCONTRACTOR' | 'UNKNOWN'

export interface AccountOpenedPayload {
  accountId: string
  code: string
  name: string
  kind: AccountKind
  /** Null for an account that holds every currency. */
  currency: string | null
  ownerType: AccountOwnerType | null
  ownerId: string | null
}

export type JournalEntryKind = 'ACCRUAL' | 'SETTLEMENT' | 'UNKNOWN'

/** A posting is a debit or a credit, and will stay so: this enum has no UNKNOWN. */
export type PostingSide = 'DEBIT' | 'CREDIT'

export interface Posting {
  accountId: string
  accountCode: string
  side: PostingSide
  amount: bigint
}

export interface JournalEntryPostedPayload {
  entryId: string
  kind: JournalEntryKind
  requestId: string
  currency: string
  postedAt: Date
  postings: Posting[]
}
