import type { AccountKind } from './accounts.ts'

/** Sums of one account's postings in one currency. */
export interface AccountTotals {
  accountId: string
  code: string
  name: string
  kind: AccountKind
  currency: string
  debit: bigint
  credit: bigint
}

export interface TrialBalanceLine extends AccountTotals {
  /** Debits minus credits. */
  balance: bigint
}

export interface CurrencyTrialBalance {
  currency: string
  debit: bigint
  credit: bigint
  /** Debits minus credits over every account: zero in a healthy journal. */
  balance: bigint
  lines: TrialBalanceLine[]
}

/** Groups account totals by currency (sorted), each with its accounts sorted by code. */
export function trialBalanceOf(totals: readonly AccountTotals[]): CurrencyTrialBalance[] {
  const byCurrency = new Map<string, AccountTotals[]>()
  for (const row of totals) {
    const rows = byCurrency.get(row.currency) ?? []
    rows.push(row)
    byCurrency.set(row.currency, rows)
  }

  return [...byCurrency.keys()].sort().map((currency) => {
    const rows = byCurrency.get(currency) ?? []
    const lines = rows
      .map((row) => ({ ...row, balance: row.debit - row.credit }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    const debit = lines.reduce((sum, line) => sum + line.debit, 0n)
    const credit = lines.reduce((sum, line) => sum + line.credit, 0n)

    return { currency, debit, credit, balance: debit - credit, lines }
  })
}
