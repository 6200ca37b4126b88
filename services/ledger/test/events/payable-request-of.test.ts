import type { PayloadOf } from '@pay/contracts'
import { describe, expect, it } from 'vitest'

import { payableRequestOf, UnpostableEventError } from '../../src/events/payable-request-of.ts'

const ids = {
  request: '00000000-0000-4000-8000-000000000001',
  batch: '00000000-0000-4000-8000-000000000002',
  vendor: '00000000-0000-4000-8000-000000000003',
  site: '00000000-0000-4000-8000-000000000004',
  user: '00000000-0000-4000-8000-000000000005',
}

function paid(overrides: Partial<PayloadOf<'RequestPaid'>> = {}): PayloadOf<'RequestPaid'> {
  return {
    requestId: ids.request,
    batchId: ids.batch,
    kind: 'LEDGER',
    payeeName: 'Acme',
    beneficiaryAccount: null,
    entityType: 'VENDOR',
    vendorId: ids.vendor,
    subcontractorId: null,
    siteId: ids.site,
    siteCode: 'NORTH-1',
    baseAmount: 1000n,
    extraAmount: 250n,
    totalAmount: 1250n,
    currency: 'EUR',
    paidBy: ids.user,
    paidAt: new Date(),
    ...overrides,
  }
}

describe('payableRequestOf', () => {
  it('payableRequestOf should take the vendor, the site and the total of a ledger-driven request', () => {
    expect(payableRequestOf(paid())).toEqual({
      requestId: ids.request,
      payee: { type: 'VENDOR', id: ids.vendor, name: 'Acme' },
      site: { id: ids.site, code: 'NORTH-1' },
      amount: 1250n,
      currency: 'EUR',
    })
  })

  it('payableRequestOf should read a legacy request as the legacy payee without a site', () => {
    const request = payableRequestOf(
      paid({
        kind: 'LEGACY',
        entityType: null,
        vendorId: null,
        siteId: null,
        siteCode: null,
        payeeName: 'Jane',
      }),
    )

    expect(request.payee).toEqual({ type: 'LEGACY', name: 'Jane' })
    expect(request.site).toBeNull()
  })

  it('payableRequestOf should refuse a payee kind it does not know', () => {
    expect(() => payableRequestOf(paid({ entityType: 'UNKNOWN' }))).toThrow(UnpostableEventError)
    expect(() => payableRequestOf(paid({ kind: 'UNKNOWN' }))).toThrow(UnpostableEventError)
  })

  it('payableRequestOf should refuse an unsupported currency and a negative total', () => {
    expect(() => payableRequestOf(paid({ currency: 'XXX' }))).toThrow(UnpostableEventError)
    expect(() => payableRequestOf(paid({ totalAmount: -1n }))).toThrow(UnpostableEventError)
  })
})
