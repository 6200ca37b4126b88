import { formatAmount } from '@pay/money'

import type { CurrencyBalance, EntryView } from '../db/journal-queries.ts'
import type { Account } from '../domain/accounts.ts'
import type { CurrencyTrialBalance } from '../domain/trial-balance.ts'

/**
 * Balances are debits minus credits, as decimal strings: an expense or bank account shows a
 * positive (debit) balance, a payable that is owed shows a negative (credit) one.
 */
export function presentAccount(account: Account, balances: CurrencyBalance[]) {
  return {
    id: account.id,
    code: account.code,
    name: account.name,
    kind: account.kind,
    ownerType: account.ownerType,
    ownerId: account.ownerId,
    currency: account.currency,
    openedAt: account.openedAt.toISOString(),
    balances: balances.map((balance) => ({
      currency: balance.currency,
      debit: formatAmount(balance.debit, balance.currency),
      credit: formatAmount(balance.credit, balance.currency),
      balance: formatAmount(balance.debit - balance.credit, balance.currency),
    })),
  }
}

export function presentEntry(entry: EntryView) {
  return {
    id: entry.id,
    kind: entry.kind,
    requestId: entry.requestId,
    currency: entry.currency,
    description: entry.description,
    postedAt: entry.postedAt.toISOString(),
    postings: entry.postings.map((posting) => ({
      accountId: posting.accountId,
      accountCode: posting.accountCode,
      side: posting.side,
      amount: formatAmount(posting.amount, entry.currency),
    })),
  }
}

export function presentTrialBalance(currencies: CurrencyTrialBalance[]) {
  return {
    currencies: currencies.map((group) => ({
      currency: group.currency,
      debit: formatAmount(group.debit, group.currency),
      credit: formatAmount(group.credit, group.currency),
      balance: formatAmount(group.balance, group.currency),
      accounts: group.lines.map((line) => ({
        accountId: line.accountId,
        code: line.code,
        name: line.name,
        kind: line.kind,
        debit: formatAmount(line.debit, group.currency),
        credit: formatAmount(line.credit, group.currency),
        balance: formatAmount(line.balance, group.currency),
      })),
    })),
  }
}
