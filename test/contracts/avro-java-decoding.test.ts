import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  decodeEvent,
  encodeEvent,
  eventTypes,
  schemaStore,
  SINGLE_OBJECT_MARKER,
  type EventMessage,
  type SchemaVersion,
} from '../../contracts/src/index.ts'
import { HUGE_AMOUNT, sampleIds, samples } from '../../contracts/test/samples.ts'
import { decodeWithJava, ensureAvroJars, type JavaDecoding } from './avro-java-check.ts'
import { parseExactJson, toWireValue, type WireValue } from './wire-values.ts'

const schemaFolder = resolve(import.meta.dirname, '..', '..', 'contracts', 'schemas')

/** Messages for released versions that the latest sample does not fit (a symbol added later). */
const olderSamples: Record<string, EventMessage> = {
  'identity/SecurityEventRecorded.v1.avsc': {
    ...samples.SecurityEventRecorded,
    payload: { ...samples.SecurityEventRecorded.payload, kind: 'LOGIN_FAILED' },
  } as EventMessage,
}

interface Message {
  file: string
  writer: SchemaVersion
  bytes: Buffer
  /** The message as its writer schema holds it: the sample without fields the writer lacks. */
  written: unknown
}

/** Single-object encoding by hand, for the versions `encodeEvent` no longer writes. */
function encodeWith(writer: SchemaVersion, message: unknown): Buffer {
  const fingerprint = Buffer.alloc(8)
  fingerprint.writeBigUInt64LE(writer.fingerprint)

  return Buffer.concat([SINGLE_OBJECT_MARKER, fingerprint, writer.type.toBuffer(message)])
}

function messageOf(writer: SchemaVersion): Message {
  const file = `${writer.eventType}.v${writer.version}.bin`
  const latest = schemaStore.latest(writer.eventType)
  if (writer === latest) {
    const sample = samples[writer.eventType] as EventMessage

    return { file, writer, bytes: encodeEvent(sample), written: sample }
  }

  const sample = olderSamples[writer.file] ?? samples[writer.eventType]
  if (!writer.type.isValid(sample)) {
    throw new Error(`the latest sample does not fit ${writer.file}: add one to olderSamples`)
  }

  const bytes = encodeWith(writer, sample)

  return { file, writer, bytes, written: writer.type.fromBuffer(bytes.subarray(10)) }
}

const messages = schemaStore.versions.map(messageOf)
const latestMessages = messages.filter(
  (message) => message.writer === schemaStore.latest(message.writer.eventType),
)
const olderMessages = messages.filter((message) => !latestMessages.includes(message))

/** Negative controls: the check must report these, or it could not fail at all. */
const unreleasedFingerprint = Buffer.concat([
  Buffer.from([0xc3, 0x01, 0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef]),
  schemaStore.latest('UserCreated').type.toBuffer(samples.UserCreated),
])
const truncatedBody = encodeEvent(samples.RequestPaid).subarray(0, -12)

describe('Apache Avro (Java) reading our single-object messages', () => {
  let folder: string
  let java: Map<string, JavaDecoding>

  beforeAll(async () => {
    const libs = await ensureAvroJars()
    folder = mkdtempSync(join(tmpdir(), 'avro-java-check-'))
    const files = [
      ...messages.map(({ file, bytes }) => [file, bytes] as const),
      ['unreleased-fingerprint.bin', unreleasedFingerprint] as const,
      ['truncated-body.bin', truncatedBody] as const,
    ].map(([file, bytes]) => {
      writeFileSync(join(folder, file), bytes)

      return join(folder, file)
    })

    const started = performance.now()
    java = await decodeWithJava(libs, schemaFolder, files)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.info(`avro-java-check: ${files.length} messages decoded in one JVM in ${seconds} s`)
  }, 300_000)

  afterAll(() => {
    if (folder !== undefined) {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  function decodedByJava(file: string): WireValue {
    const decoding = java.get(file)
    if (decoding === undefined) {
      throw new Error(`AvroCheck.java printed nothing for ${file}`)
    }
    if (!decoding.ok) {
      throw new Error(`Apache Avro could not decode ${file}: ${decoding.reason}`)
    }

    return parseExactJson(decoding.json)
  }

  it('should cover every event type and every released schema version', () => {
    expect(new Set(latestMessages.map((message) => message.writer.eventType))).toEqual(new Set(eventTypes))
    expect(messages.map((message) => message.writer.file)).toEqual(
      schemaStore.versions.map((version) => version.file),
    )
    expect(olderMessages.length).toBeGreaterThan(0)
  })

  it.each(latestMessages.map((message) => [message.file, message] as const))(
    '%s should decode with Apache Avro and with decodeEvent into its sample',
    (file, { bytes, written }) => {
      const expected = toWireValue(written)

      expect(decodedByJava(file)).toEqual(expected)
      expect(toWireValue(decodeEvent(bytes))).toEqual(expected)
    },
  )

  it.each(olderMessages.map((message) => [message.file, message] as const))(
    '%s, from an older schema, should decode the same with Apache Avro and decodeEvent into the latest',
    (file, { bytes, written }) => {
      const byJava = decodedByJava(file)

      expect(byJava).toEqual(toWireValue(decodeEvent(bytes)))
      // Fields added after the writer's version come from the reader's defaults; the rest survive.
      expect(byJava).toMatchObject(toWireValue(written) as object)
    },
  )

  it('should keep amounts beyond 2^53 exact, timestamps as epoch milliseconds and uuids as strings', () => {
    const submitted = decodedByJava(
      latestMessages.find((m) => m.writer.eventType === 'RequestSubmitted')!.file,
    )

    expect(submitted).toMatchObject({
      envelope: {
        eventId: sampleIds.event,
        occurredAt: BigInt(samples.RequestSubmitted.envelope.occurredAt.getTime()),
      },
      payload: { baseAmount: HUGE_AMOUNT, totalAmount: HUGE_AMOUNT + 2500n, vendorId: sampleIds.vendor },
    })
  })

  it('should refuse a message whose writer schema was never released, like decodeEvent', () => {
    expect(java.get('unreleased-fingerprint.bin')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('MissingSchemaException'),
    })
    expect(() => decodeEvent(unreleasedFingerprint)).toThrow(/no released schema/)
  })

  it('should refuse a message whose body is cut short, like decodeEvent', () => {
    expect(java.get('truncated-body.bin')).toMatchObject({ ok: false })
    expect(() => decodeEvent(truncatedBody)).toThrow(/does not match/)
  })
})
