import { describe, expect, it } from 'vitest'

import { missingFieldReason } from './schema-paths.ts'

describe('missingFieldReason', () => {
  it('should accept top-level, nullable, nested record and array item fields', () => {
    expect(missingFieldReason('RequestSubmitted', 'totalAmount')).toBeUndefined()
    expect(missingFieldReason('RequestSubmitted', 'vendorId')).toBeUndefined()
    expect(missingFieldReason('UserChanged', 'previous.role')).toBeUndefined()
    expect(missingFieldReason('JournalEntryPosted', 'postings.amount')).toBeUndefined()
    expect(missingFieldReason('BatchSubmitted', 'totals.currency')).toBeUndefined()
  })

  it('should name the missing field and the fields that exist', () => {
    expect(missingFieldReason('BatchCancelled', 'reason')).toMatch(
      /^the payload of requests\/BatchCancelled\.v1\.avsc has no field reason \(fields batchId, /,
    )
  })

  it('should refuse a path that goes below a field that is not a record', () => {
    expect(missingFieldReason('UserChanged', 'previous.role.name')).toMatch(
      /previous\.role .* no field name \(no fields\)/,
    )
  })
})
