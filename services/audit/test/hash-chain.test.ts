import { createHash } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import { appendToChain, canonicalRow, GENESIS_HASH, linkBreakOf } from '../src/domain/hash-chain.ts'
import { sampleRecord } from './support/records.ts'

describe('canonicalRow', () => {
  it('should serialise every field with sorted keys, UTC millisecond times and 64-bit integers as strings', () => {
    expect(canonicalRow(3n, sampleRecord())).toBe(
      '{"actorId":"11111111-2222-4333-8444-555555555555","causationId":null,"correlationId":"req-42",' +
        '"entityId":"0d9e8f7a-6b5c-4d3e-9f10-a1b2c3d4e5f6","entityType":"PaymentRequest","entityVersion":"4",' +
        '"eventId":"6f1c2a3e-0b4d-4c5e-8f60-718293a4b5c6","eventType":"RequestStatusChanged",' +
        '"newState":{"status":"APPROVED"},"occurredAt":"2025-03-01T09:30:00.123Z",' +
        '"payload":{"amount":"125000","reason":null,"requestId":"0d9e8f7a-6b5c-4d3e-9f10-a1b2c3d4e5f6"},' +
        '"previousState":{"status":"PENDING_APPROVAL"},"recordedAt":"2025-03-01T09:30:01.000Z",' +
        '"sequence":"3","sourceOffset":"17","sourcePartition":2,"sourceTopic":"payments.requests.v1",' +
        '"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}',
    )
  })

  it('should not depend on the order in which payload members were written', () => {
    const forwards = sampleRecord({ payload: { a: 1, b: { c: 'x', d: [1, 2] } } })
    const backwards = sampleRecord({ payload: { b: { d: [1, 2], c: 'x' }, a: 1 } })

    expect(canonicalRow(1n, forwards)).toBe(canonicalRow(1n, backwards))
  })
})

describe('appendToChain', () => {
  it('should start at sequence 1 linked to the genesis hash', () => {
    const entry = appendToChain(sampleRecord(), undefined)

    expect(entry.sequence).toBe(1n)
    expect(entry.prevHash).toBe(GENESIS_HASH)
    expect(entry.hash).toBe(
      createHash('sha256')
        .update(GENESIS_HASH + canonicalRow(1n, sampleRecord()))
        .digest('hex'),
    )
  })

  it('should number the next entry after the last one and link it to its hash', () => {
    const first = appendToChain(sampleRecord(), undefined)
    const second = appendToChain(sampleRecord({ eventId: 'a0000000-0000-4000-8000-000000000000' }), first)

    expect(second.sequence).toBe(2n)
    expect(second.prevHash).toBe(first.hash)
    expect(second.hash).not.toBe(first.hash)
  })
})

describe('linkBreakOf', () => {
  const first = appendToChain(sampleRecord(), undefined)
  const second = appendToChain(sampleRecord({ eventId: 'a0000000-0000-4000-8000-000000000000' }), first)

  it('should accept an entry that follows its predecessor', () => {
    expect(linkBreakOf(first, undefined)).toBeUndefined()
    expect(linkBreakOf(second, first)).toBeUndefined()
  })

  it('should report a changed field as a hash mismatch', () => {
    expect(linkBreakOf({ ...second, actorId: 'someone-else' }, first)).toBe('HASH_MISMATCH')
    expect(linkBreakOf({ ...second, payload: { amount: '1' } }, first)).toBe('HASH_MISMATCH')
    expect(linkBreakOf({ ...second, recordedAt: new Date(second.recordedAt.getTime() + 1) }, first)).toBe(
      'HASH_MISMATCH',
    )
  })

  it('should report a missing predecessor as a sequence gap', () => {
    expect(linkBreakOf(second, undefined)).toBe('SEQUENCE_GAP')
  })

  it('should report a link to the wrong predecessor', () => {
    expect(linkBreakOf({ ...second, prevHash: GENESIS_HASH }, first)).toBe('PREVIOUS_HASH_MISMATCH')
  })
})
