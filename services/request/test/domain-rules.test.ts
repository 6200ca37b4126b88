import { describe, expect, it } from 'vitest'

import { batchProgressAfter } from '../src/domain/batch-progress.ts'
import { snapshotPayee, type MasterRecord } from '../src/domain/payee.ts'
import type { LedgerFields } from '../src/domain/request-fields.ts'
import { totalsByCurrency } from '../src/domain/totals.ts'
import { expectedVersionOf } from '../src/http/if-match.ts'

const siteId = '00000000-0000-4000-8000-000000000001'
const otherSiteId = '00000000-0000-4000-8000-000000000002'
const subcontractorId = '00000000-0000-4000-8000-000000000003'

const fields: LedgerFields = {
  kind: 'LEDGER',
  currency: 'EUR',
  baseAmount: 100n,
  extraAmount: 0n,
  extraReason: null,
  entityType: 'SUBCONTRACTOR',
  vendorId: null,
  subcontractorId,
  siteId,
}
const site: MasterRecord = { id: siteId, name: 'North', code: 'N-1', active: true, assignedSiteId: null }
const subcontractor: MasterRecord = {
  id: subcontractorId,
  name: 'Diggers',
  code: null,
  active: true,
  assignedSiteId: siteId,
}

describe('snapshotPayee', () => {
  it('should snapshot the payee name and the site code', () => {
    expect(snapshotPayee(fields, { payee: subcontractor, site })).toEqual({
      entityName: 'Diggers',
      siteCode: 'N-1',
    })
  })

  it.each([
    ['an unknown payee', { payee: undefined, site }, 'SUBCONTRACTOR_UNKNOWN'],
    ['an inactive payee', { payee: { ...subcontractor, active: false }, site }, 'SUBCONTRACTOR_INACTIVE'],
    ['an unknown site', { payee: subcontractor, site: undefined }, 'SITE_UNKNOWN'],
    ['an inactive site', { payee: subcontractor, site: { ...site, active: false } }, 'SITE_INACTIVE'],
    [
      'a subcontractor of another site',
      { payee: { ...subcontractor, assignedSiteId: otherSiteId }, site },
      'SITE_MISMATCH',
    ],
  ])('should refuse %s with 422', (_case, found, code) => {
    expect(() => snapshotPayee(fields, found)).toThrow(expect.objectContaining({ code, status: 422 }))
  })

  it('should accept a subcontractor without an assigned site anywhere', () => {
    expect(snapshotPayee(fields, { payee: { ...subcontractor, assignedSiteId: null }, site }).siteCode).toBe(
      'N-1',
    )
  })
})

describe('batchProgressAfter', () => {
  it('should start processing on the first decision of a submitted batch', () => {
    expect(batchProgressAfter('SUBMITTED', ['APPROVED', 'PENDING_APPROVAL'])).toEqual({
      startProcessing: true,
      complete: false,
    })
  })

  it('should complete a batch whose requests are all rejected', () => {
    expect(batchProgressAfter('SUBMITTED', ['REJECTED', 'REJECTED'])).toEqual({
      startProcessing: true,
      complete: true,
    })
  })

  it('should not complete while a request is only approved', () => {
    expect(batchProgressAfter('PROCESSING', ['PAID', 'APPROVED']).complete).toBe(false)
  })

  it('should complete once every request is paid or rejected', () => {
    expect(batchProgressAfter('PROCESSING', ['PAID', 'REJECTED'])).toEqual({
      startProcessing: false,
      complete: true,
    })
  })

  it('should leave draft and finished batches alone', () => {
    for (const status of ['DRAFT', 'COMPLETED', 'CANCELLED'] as const) {
      expect(batchProgressAfter(status, ['PAID'])).toEqual({ startProcessing: false, complete: false })
    }
  })
})

describe('totalsByCurrency', () => {
  it('should sum per currency in currency order', () => {
    expect(
      totalsByCurrency([
        { currency: 'USD', totalAmount: 5n },
        { currency: 'EUR', totalAmount: 7n },
        { currency: 'USD', totalAmount: 9_007_199_254_740_993n },
      ]),
    ).toEqual([
      { currency: 'EUR', amount: 7n, requestCount: 1 },
      { currency: 'USD', amount: 9_007_199_254_740_998n, requestCount: 2 },
    ])
  })
})

describe('expectedVersionOf', () => {
  it('should read strong and weak version ETags', () => {
    expect(expectedVersionOf('"3"')).toBe(3n)
    expect(expectedVersionOf('W/"12"')).toBe(12n)
  })

  it('should ignore an absent header and a wildcard', () => {
    expect(expectedVersionOf(undefined)).toBeUndefined()
    expect(expectedVersionOf('*')).toBeUndefined()
  })

  it('should fail a malformed header with 412', () => {
    expect(() => expectedVersionOf('3')).toThrow(expect.objectContaining({ status: 412 }))
  })
})
