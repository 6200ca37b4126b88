export type AccountKind = 'EXPENSE' | 'PAYABLE' | 'BANK_CLEARING'

export type AccountOwnerType = 'SITE' | 'VENDOR' | 'SUBCONTRACTOR'

/**
 * What identifies an account before it exists. `code` is the account's natural key: the ledger
 * opens an account the first time something needs it (an entity created, or a first posting)
 * and finds it by code from then on.
 */
export interface AccountSpec {
  code: string
  name: string
  kind: AccountKind
  ownerType: AccountOwnerType | null
  ownerId: string | null
  /** Only bank clearing accounts hold a single currency; the others keep a balance per currency. */
  currency: string | null
}

export interface Account extends AccountSpec {
  id: string
  openedAt: Date
}

/** Whom a payment request pays: a vendor or subcontractor from master data, or a free beneficiary. */
export type Payee =
  | { type: 'VENDOR'; id: string; name: string }
  | { type: 'SUBCONTRACTOR'; id: string; name: string }
  | { type: 'LEGACY'; name: string }

export interface SiteRef {
  id: string
  code: string | null
}

/** Legacy beneficiaries are not master data: they share one payable account. */
export const LEGACY_PAYABLE_CODE = 'payable:legacy'
/** Legacy requests have no site: their expense lands here. */
export const UNASSIGNED_EXPENSE_CODE = 'expense:unassigned'

export function payableAccountOf(payee: Payee): AccountSpec {
  if (payee.type === 'LEGACY') {
    return {
      code: LEGACY_PAYABLE_CODE,
      name: 'Payable - legacy beneficiaries',
      kind: 'PAYABLE',
      ownerType: null,
      ownerId: null,
      currency: null,
    }
  }

  const label = payee.type === 'VENDOR' ? 'vendor' : 'subcontractor'
  return {
    code: `payable:${label}:${payee.id}`,
    name: `Payable - ${label} ${payee.name}`,
    kind: 'PAYABLE',
    ownerType: payee.type,
    ownerId: payee.id,
    currency: null,
  }
}

export function expenseAccountOf(site: SiteRef | null): AccountSpec {
  if (site === null) {
    return {
      code: UNASSIGNED_EXPENSE_CODE,
      name: 'Expense - unassigned',
      kind: 'EXPENSE',
      ownerType: null,
      ownerId: null,
      currency: null,
    }
  }

  return {
    code: `expense:site:${site.id}`,
    name: `Expense - site ${site.code ?? site.id}`,
    kind: 'EXPENSE',
    ownerType: 'SITE',
    ownerId: site.id,
    currency: null,
  }
}

export function bankClearingAccountOf(currency: string): AccountSpec {
  return {
    code: `bank-clearing:${currency}`,
    name: `Bank clearing ${currency}`,
    kind: 'BANK_CLEARING',
    ownerType: null,
    ownerId: null,
    currency,
  }
}
