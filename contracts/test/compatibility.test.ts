import { describe, expect, it } from 'vitest'

import { compileSchema } from '../src/avro-types.ts'
import { decodeEvent, eventTypes, schemaStore, type EventMessage, type SchemaVersion } from '../src/index.ts'
import { singleObjectHeader } from '../src/single-object.ts'
import { samples } from './samples.ts'

/** Samples for versions the latest sample does not fit (e.g. a symbol added later). */
const olderSamples: Record<string, EventMessage> = {
  'identity/SecurityEventRecorded.v1.avsc': {
    ...samples.SecurityEventRecorded,
    payload: { ...samples.SecurityEventRecorded.payload, kind: 'LOGIN_FAILED' },
  } as EventMessage,
}

function sampleFor(version: SchemaVersion): unknown {
  return olderSamples[version.file] ?? samples[version.eventType]
}

function readAcross(reader: SchemaVersion, writer: SchemaVersion): unknown {
  const bytes = writer.type.toBuffer(sampleFor(writer))

  return reader.type.fromBuffer(bytes, reader.type.createResolver(writer.type))
}

const pairs = eventTypes.flatMap((eventType) => {
  const versions = schemaStore.versionsOf(eventType)

  return versions.flatMap((newer, index) => versions.slice(0, index).map((older) => ({ older, newer })))
})

describe('released schema versions', () => {
  it('should include at least one evolved event, so compatibility is proven on something', () => {
    expect(pairs.length).toBeGreaterThan(0)
  })

  it.each(schemaStore.versions.map((version) => [version.file, version] as const))(
    '%s should have a sample that fits it',
    (_, version) => {
      expect(version.type.isValid(sampleFor(version))).toBe(true)
    },
  )

  it.each(pairs.map(({ older, newer }) => [newer.file, older.file, older, newer] as const))(
    '%s should read data written with %s (backward)',
    (_, __, older, newer) => {
      expect(() => readAcross(newer, older)).not.toThrow()
    },
  )

  it.each(pairs.map(({ older, newer }) => [older.file, newer.file, older, newer] as const))(
    '%s should read data written with %s (forward)',
    (_, __, older, newer) => {
      expect(() => readAcross(older, newer)).not.toThrow()
    },
  )
})

describe('SecurityEventRecorded evolution', () => {
  const [v1, v2] = schemaStore.versionsOf('SecurityEventRecorded')

  it('should decode a v1 message into the latest schema with the new field null', () => {
    const v1Message = olderSamples['identity/SecurityEventRecorded.v1.avsc']!
    const bytes = Buffer.concat([singleObjectHeader(v1!.fingerprint), v1!.type.toBuffer(v1Message)])
    const decoded = decodeEvent(bytes)

    expect(decoded.payload).toEqual({ ...v1Message.payload, userAgent: null })
    expect(decoded.envelope).toEqual(v1Message.envelope)
  })

  it('should let a v1 reader see a symbol added in v2 as UNKNOWN and skip the new field', () => {
    const read = readAcross(v1!, v2!) as EventMessage<'SecurityEventRecorded'>

    expect(read.payload.kind).toBe('UNKNOWN')
    expect(read.payload).not.toHaveProperty('userAgent')
  })
})

describe('the compatibility check', () => {
  const latest = schemaStore.latest('ApprovalPolicyChanged')

  function evolve(change: (fields: Record<string, unknown>[]) => Record<string, unknown>[]) {
    const schema = structuredClone(latest.schema) as {
      fields: { type: { fields: Record<string, unknown>[] } }[]
    }
    const payload = schema.fields[1]!.type
    payload.fields = change(payload.fields)

    return { ...latest, type: compileSchema(schema as never) }
  }

  it('should catch a new field without a default', () => {
    const broken = evolve((fields) => [...fields, { name: 'approverCount', type: 'int' }])

    expect(() => readAcross(broken, latest)).toThrow()
  })

  it('should catch a removed field without a default', () => {
    const broken = evolve((fields) => fields.filter((field) => field.name !== 'threshold'))

    expect(() => readAcross(latest, broken)).toThrow()
  })
})
