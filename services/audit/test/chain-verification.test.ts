import { describe, expect, it } from 'vitest'

import type { AuditEntry } from '../src/domain/audit-record.ts'
import { ChainVerification } from '../src/domain/chain-verification.ts'
import { appendToChain } from '../src/domain/hash-chain.ts'
import { sampleRecord } from './support/records.ts'

function chainOf(length: number): AuditEntry[] {
  const entries: AuditEntry[] = []
  for (let index = 0; index < length; index++) {
    const eventId = `00000000-0000-4000-8000-${index.toString().padStart(12, '0')}`
    entries.push(appendToChain(sampleRecord({ eventId, entityVersion: BigInt(index) }), entries.at(-1)))
  }

  return entries
}

function verifyInPages(entries: AuditEntry[], pageSize: number) {
  const verification = new ChainVerification()
  for (let start = 0; start < entries.length; start += pageSize) {
    if (!verification.check(entries.slice(start, start + pageSize))) {
      break
    }
  }

  return verification.report()
}

describe('ChainVerification', () => {
  it('should report an empty chain as intact', () => {
    expect(new ChainVerification().report()).toEqual({ intact: true, checked: 0 })
  })

  it('should carry the last link across pages and count every entry', () => {
    expect(verifyInPages(chainOf(10), 3)).toEqual({ intact: true, checked: 10 })
  })

  it('should report exactly the entry that was changed and stop there', () => {
    const entries = chainOf(10)
    entries[6] = { ...entries[6]!, correlationId: 'forged' }

    expect(verifyInPages(entries, 4)).toEqual({
      intact: false,
      checked: 7,
      firstBrokenId: entries[6]!.eventId,
      firstBrokenSequence: 7,
      reason: 'HASH_MISMATCH',
    })
  })

  it('should report the entry after a deleted one', () => {
    const entries = chainOf(6)
    entries.splice(2, 1)

    expect(verifyInPages(entries, 2)).toMatchObject({
      intact: false,
      checked: 3,
      firstBrokenSequence: 4,
      reason: 'SEQUENCE_GAP',
    })
  })

  it('should keep the position at the last entry that held', () => {
    const verification = new ChainVerification()
    verification.check(chainOf(5))

    expect(verification.position).toBe(5n)
  })
})
