import avsc from 'avsc'
import { describe, expect, it } from 'vitest'

import { encodeEvent, fingerprintOf, schemaStore, type EventMessage } from '../src/index.ts'
import { samples } from './samples.ts'

describe('encodeEvent', () => {
  const message = samples.ApprovalPolicyChanged as EventMessage
  const bytes = encodeEvent(message)
  const writer = schemaStore.latest('ApprovalPolicyChanged')

  it('should start with the single-object marker C3 01', () => {
    expect([...bytes.subarray(0, 2)]).toEqual([0xc3, 0x01])
  })

  it('should follow with the writer fingerprint as 8 little-endian bytes', () => {
    const expected = Buffer.alloc(8)
    expected.writeBigUInt64LE(fingerprintOf(writer.schema))

    expect(bytes.subarray(2, 10)).toEqual(expected)
    expect(bytes.readBigUInt64LE(2)).toBe(writer.fingerprint)
  })

  it('should end with the plain Avro binary body that any Avro library reads with the schema', () => {
    const body = bytes.subarray(10)
    // An avsc type without this package's value mapping: longs as numbers, no logical types.
    const plain = avsc.Type.forSchema(writer.schema as avsc.Schema).fromBuffer(body)

    expect(plain.payload).toEqual({
      currency: 'EUR',
      threshold: 1000000,
      previousThreshold: null,
      changedBy: message.envelope.actorId,
    })
    expect(plain.envelope.occurredAt).toBe(message.envelope.occurredAt.getTime())
  })
})
