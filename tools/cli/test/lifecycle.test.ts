import { describe, expect, it } from 'vitest'

import { batchMismatch, isLegalMove, requestMoves } from '../src/invariants/lifecycle.ts'

const census = { requests: 2, draft: 0, waiting: 0, approved: 0, terminal: 0 }

describe('batchMismatch', () => {
  it('should accept each batch status with the requests it can hold', () => {
    expect(batchMismatch({ ...census, status: 'DRAFT', draft: 2 })).toBeUndefined()
    expect(batchMismatch({ ...census, status: 'CANCELLED', requests: 0 })).toBeUndefined()
    expect(batchMismatch({ ...census, status: 'SUBMITTED', waiting: 2 })).toBeUndefined()
    expect(batchMismatch({ ...census, status: 'PROCESSING', waiting: 1, approved: 1 })).toBeUndefined()
    expect(batchMismatch({ ...census, status: 'COMPLETED', terminal: 2 })).toBeUndefined()
  })

  it('should refuse a batch whose status does not follow from its requests', () => {
    expect(batchMismatch({ ...census, status: 'PROCESSING', terminal: 2 })).toMatch(/not COMPLETED/)
    expect(batchMismatch({ ...census, status: 'COMPLETED', approved: 1, terminal: 1 })).toMatch(/COMPLETED/)
    expect(batchMismatch({ ...census, status: 'SUBMITTED', waiting: 1, approved: 1 })).toMatch(/decided/)
    expect(batchMismatch({ ...census, status: 'DRAFT', draft: 1, waiting: 1 })).toMatch(/left DRAFT/)
    expect(batchMismatch({ ...census, status: 'SUBMITTED', requests: 0 })).toMatch(/empty/)
    expect(batchMismatch({ ...census, status: 'PROCESSING', waiting: 2 })).toMatch(/without any decided/)
  })
})

describe('isLegalMove', () => {
  it('should allow only the lifecycle’s moves', () => {
    expect(isLegalMove(requestMoves, 'APPROVED', 'PAID')).toBe(true)
    expect(isLegalMove(requestMoves, 'REJECTED', 'PAID')).toBe(false)
    expect(isLegalMove(requestMoves, 'SUBMITTED', 'APPROVED')).toBe(false)
    expect(isLegalMove(requestMoves, 'UNKNOWN', 'PAID')).toBe(false)
  })
})
