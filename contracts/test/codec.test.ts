import { describe, expect, it } from 'vitest'

import {
  ContractError,
  decodeEvent,
  encodeEvent,
  eventTypes,
  schemaStore,
  type ContractErrorCode,
  type EventMessage,
} from '../src/index.ts'
import { HUGE_AMOUNT, samples } from './samples.ts'

function codeOf(action: () => unknown): ContractErrorCode | undefined {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError)

    return (error as ContractError).code
  }

  return undefined
}

function withPayload<T extends keyof typeof samples>(eventType: T, change: Record<string, unknown>) {
  const sample = samples[eventType]

  return { ...sample, payload: { ...sample.payload, ...change } } as unknown as EventMessage
}

describe('encodeEvent and decodeEvent', () => {
  it.each(eventTypes)('should round-trip a %s sample through its latest schema', (eventType) => {
    const sample = samples[eventType] as EventMessage

    expect(decodeEvent(encodeEvent(sample))).toEqual(sample)
  })

  it('should keep amounts above 2^53 and the extremes of a 64-bit long exact', () => {
    const extremes = [HUGE_AMOUNT, 2n ** 63n - 1n, -(2n ** 63n)]
    for (const amount of extremes) {
      const decoded = decodeEvent(encodeEvent(withPayload('RequestPaid', { totalAmount: amount })))

      expect((decoded.payload as { totalAmount: bigint }).totalAmount).toBe(amount)
    }
  })

  it('should turn timestamp-millis into a Date with the same millisecond', () => {
    const paidAt = new Date('1969-12-31T23:59:59.999Z')
    const decoded = decodeEvent(encodeEvent(withPayload('RequestPaid', { paidAt })))
    const payload = decoded.payload as { paidAt: Date }

    expect(payload.paidAt).toBeInstanceOf(Date)
    expect(payload.paidAt.getTime()).toBe(paidAt.getTime())
    expect(decoded.envelope.occurredAt).toEqual(samples.RequestPaid.envelope.occurredAt)
  })

  it('should accept uuids in either case and refuse anything else as a uuid', () => {
    const upper = samples.UserCreated.payload.userId.toUpperCase()

    expect(codeOf(() => encodeEvent(withPayload('UserCreated', { userId: upper })))).toBeUndefined()
    expect(codeOf(() => encodeEvent(withPayload('UserCreated', { userId: 'not-a-uuid' })))).toBe(
      'INVALID_EVENT',
    )
  })
})

describe('encodeEvent', () => {
  it('should name every problem of an invalid message in its field errors', () => {
    const message = withPayload('ApprovalPolicyChanged', {
      threshold: 1000,
      previousThreshold: 'none',
      changedBy: 'someone',
      note: 'not in the schema',
    })

    expect(() => encodeEvent(message)).toThrow(ContractError)
    try {
      encodeEvent(message)
    } catch (error) {
      expect((error as ContractError).code).toBe('INVALID_EVENT')
      expect((error as ContractError).fields).toEqual([
        { path: 'payload.threshold', message: 'expected long (bigint), got a number' },
        { path: 'payload.previousThreshold', message: 'expected null or long (bigint), got a string' },
        { path: 'payload.changedBy', message: 'expected uuid, got a string' },
        { path: 'payload', message: 'undeclared fields note' },
      ])
    }
  })

  it('should not echo the offending values in its message', () => {
    const message = withPayload('RequestCreated', { beneficiaryAccount: 12345678 })

    expect(() => encodeEvent(message)).toThrow(
      /payload\.beneficiaryAccount: expected null or string, got a number/,
    )
    expect(() => encodeEvent(message)).not.toThrow(/12345678/)
  })

  it('should list the symbols of an enum a value is not one of', () => {
    const message = withPayload('BatchCreated', { status: 'OPEN' })

    expect(() => encodeEvent(message)).toThrow(
      /payload\.status: expected one of DRAFT, SUBMITTED, PROCESSING/,
    )
  })

  it('should refuse a message whose event type is unknown', () => {
    const message = {
      ...samples.UserCreated,
      envelope: { ...samples.UserCreated.envelope, eventType: 'Nope' },
    }

    expect(codeOf(() => encodeEvent(message as unknown as EventMessage))).toBe('INVALID_EVENT')
  })

  it('should refuse an invalid Date and a long outside 64 bits', () => {
    const badDate = withPayload('RequestPaid', { paidAt: new Date(Number.NaN) })
    const tooBig = withPayload('RequestPaid', { totalAmount: 2n ** 63n })

    expect(codeOf(() => encodeEvent(badDate))).toBe('INVALID_EVENT')
    expect(codeOf(() => encodeEvent(tooBig))).toBe('INVALID_EVENT')
  })
})

describe('decodeEvent', () => {
  const valid = encodeEvent(samples.RequestSubmitted as EventMessage)

  it('should refuse bytes without the single-object marker', () => {
    const wrongMagic = Buffer.from(valid)
    wrongMagic[1] = 0x02

    expect(codeOf(() => decodeEvent(wrongMagic))).toBe('NOT_SINGLE_OBJECT')
    expect(codeOf(() => decodeEvent(Buffer.from('{"eventType":"RequestSubmitted"}')))).toBe(
      'NOT_SINGLE_OBJECT',
    )
    expect(codeOf(() => decodeEvent(Buffer.alloc(0)))).toBe('NOT_SINGLE_OBJECT')
  })

  it('should refuse a header cut short', () => {
    expect(codeOf(() => decodeEvent(valid.subarray(0, 9)))).toBe('NOT_SINGLE_OBJECT')
  })

  it('should refuse a fingerprint no released schema has', () => {
    const unknown = Buffer.from(valid)
    unknown.writeBigUInt64LE(0x0123456789abcdefn, 2)

    expect(codeOf(() => decodeEvent(unknown))).toBe('UNKNOWN_FINGERPRINT')
    expect(() => decodeEvent(unknown)).toThrow(/0123456789abcdef/)
  })

  it('should refuse a truncated body', () => {
    expect(codeOf(() => decodeEvent(valid.subarray(0, valid.length - 5)))).toBe('MALFORMED_BODY')
    expect(codeOf(() => decodeEvent(valid.subarray(0, 10)))).toBe('MALFORMED_BODY')
  })

  it('should refuse trailing bytes after the body', () => {
    expect(codeOf(() => decodeEvent(Buffer.concat([valid, Buffer.from([0])])))).toBe('MALFORMED_BODY')
  })

  it('should refuse garbage behind a valid header', () => {
    const garbage = Buffer.concat([valid.subarray(0, 10), Buffer.from('ff'.repeat(64), 'hex')])

    expect(codeOf(() => decodeEvent(garbage))).toBe('MALFORMED_BODY')
  })

  it('should refuse a body whose envelope names another event type', () => {
    // RequestCreated and RequestUpdated share their payload shape, so only the envelope can tell.
    const lying = encodeEvent(samples.RequestCreated as EventMessage)
    lying.writeBigUInt64LE(schemaStore.latest('RequestUpdated').fingerprint, 2)

    expect(codeOf(() => decodeEvent(lying))).toBe('MALFORMED_BODY')
  })

  it('should refuse at once an array that claims more items than there are bytes', () => {
    // totals is the last field: an empty array is the final 0x00, replaced by a count of 2^31 - 1.
    const bytes = encodeEvent(withPayload('BatchProcessingStarted', { totals: [] }))
    const forged = Buffer.concat([bytes.subarray(0, -1), Buffer.from([0xfe, 0xff, 0xff, 0xff, 0x0f])])
    const started = performance.now()

    expect(codeOf(() => decodeEvent(forged))).toBe('MALFORMED_BODY')
    expect(performance.now() - started).toBeLessThan(100)
  })

  it('should accept a Uint8Array view into a larger buffer', () => {
    const padded = Buffer.concat([Buffer.from([1, 2, 3]), valid, Buffer.from([4, 5])])
    const view = new Uint8Array(padded.buffer, padded.byteOffset + 3, valid.length)

    expect(decodeEvent(view)).toEqual(samples.RequestSubmitted)
  })
})
