import { describe, expect, it } from 'vitest'

import { trialBalanceOf, type AccountTotals } from '../../src/domain/trial-balance.ts'

function totals(code: string, currency: string, debit: bigint, credit: bigint): AccountTotals {
  return { accountId: `id-${code}`, code, name: code, kind: 'EXPENSE', currency, debit, credit }
}

describe('trialBalanceOf', () => {
  it('trialBalanceOf should group by currency and sum debits and credits', () => {
    const result = trialBalanceOf([
      totals('payable:legacy', 'USD', 100n, 300n),
      totals('expense:unassigned', 'USD', 300n, 0n),
      totals('bank-clearing:USD', 'USD', 0n, 100n),
      totals('expense:unassigned', 'EUR', 50n, 0n),
      totals('payable:legacy', 'EUR', 0n, 50n),
    ])

    expect(result.map((group) => [group.currency, group.debit, group.credit, group.balance])).toEqual([
      ['EUR', 50n, 50n, 0n],
      ['USD', 400n, 400n, 0n],
    ])
    expect(result[1]?.lines.map((line) => [line.code, line.balance])).toEqual([
      ['bank-clearing:USD', -100n],
      ['expense:unassigned', 300n],
      ['payable:legacy', -200n],
    ])
  })

  it('trialBalanceOf should report a non-zero balance when the totals do not agree', () => {
    expect(trialBalanceOf([totals('expense:unassigned', 'USD', 10n, 0n)])[0]?.balance).toBe(10n)
  })

  it('trialBalanceOf should return no currencies for an empty journal', () => {
    expect(trialBalanceOf([])).toEqual([])
  })
})
