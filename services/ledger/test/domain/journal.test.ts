import { describe, expect, it } from 'vitest'

import {
  accrualOf,
  netOf,
  settlementOf,
  UnbalancedEntryError,
  type PayableRequest,
} from '../../src/domain/journal.ts'

const vendorId = '00000000-0000-4000-8000-0000000000a1'
const siteId = '00000000-0000-4000-8000-0000000000b1'

const request: PayableRequest = {
  requestId: '00000000-0000-4000-8000-0000000000c1',
  payee: { type: 'VENDOR', id: vendorId, name: 'Acme' },
  site: { id: siteId, code: 'NORTH-1' },
  amount: 125_000n,
  currency: 'USD',
}

describe('accrualOf', () => {
  it('accrualOf should debit the site expense and credit the payee payable', () => {
    const entry = accrualOf(request)

    expect(entry.kind).toBe('ACCRUAL')
    expect(entry.lines.map((line) => [line.account.code, line.side, line.amount])).toEqual([
      [`expense:site:${siteId}`, 'DEBIT', 125_000n],
      [`payable:vendor:${vendorId}`, 'CREDIT', 125_000n],
    ])
    expect(netOf(entry.lines)).toBe(0n)
  })

  it('accrualOf should use the unassigned expense and the legacy payable for a legacy request', () => {
    const entry = accrualOf({ ...request, payee: { type: 'LEGACY', name: 'Jane Doe' }, site: null })

    expect(entry.lines.map((line) => line.account.code)).toEqual(['expense:unassigned', 'payable:legacy'])
  })

  it('accrualOf should refuse a negative amount', () => {
    expect(() => accrualOf({ ...request, amount: -1n })).toThrow(UnbalancedEntryError)
  })
})

describe('settlementOf', () => {
  it('settlementOf should debit the payee payable and credit the bank clearing account of the currency', () => {
    const entry = settlementOf({ ...request, payee: { type: 'SUBCONTRACTOR', id: vendorId, name: 'Bolt' } })

    expect(entry.kind).toBe('SETTLEMENT')
    expect(entry.lines.map((line) => [line.account.code, line.side, line.account.currency])).toEqual([
      [`payable:subcontractor:${vendorId}`, 'DEBIT', null],
      ['bank-clearing:USD', 'CREDIT', 'USD'],
    ])
    expect(netOf(entry.lines)).toBe(0n)
  })

  it('accrual and settlement together should leave the payable at zero', () => {
    const lines = [...accrualOf(request).lines, ...settlementOf(request).lines]
    const payable = lines.filter((line) => line.account.kind === 'PAYABLE')

    expect(netOf(payable)).toBe(0n)
  })
})
