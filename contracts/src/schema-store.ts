import { readdirSync, readFileSync } from 'node:fs'

import type avsc from 'avsc'

import { compileSchema } from './avro-types.ts'
import { canonicalFormOf, type AvroSchema } from './canonical-form.ts'
import { rabinFingerprint } from './rabin-fingerprint.ts'
import { eventTypes, isEventType, schemaFolderOf, topicOf, topics, type EventType } from './topics.ts'

/** Full name of the envelope record that every event schema refers to. */
export const ENVELOPE_NAME = 'com.payments.Envelope'

const SCHEMA_FILE = /^([A-Za-z]+)\.v([1-9][0-9]*)\.avsc$/

export type Resolver = ReturnType<avsc.Type['createResolver']>

/** One released version of one event's schema. */
export interface SchemaVersion {
  eventType: EventType
  version: number
  /** Path below the schema folder, e.g. `requests/RequestSubmitted.v1.avsc`. */
  file: string
  /** Self-contained: the envelope definition is written out in place of its name. */
  schema: AvroSchema
  canonicalForm: string
  /** CRC-64-AVRO of the canonical form, unsigned. */
  fingerprint: bigint
  type: avsc.Type
}

export interface SchemaStore {
  /** Every released version, event types in catalogue order, versions ascending. */
  readonly versions: readonly SchemaVersion[]
  versionsOf(eventType: EventType): readonly SchemaVersion[]
  latest(eventType: EventType): SchemaVersion
  byFingerprint(fingerprint: bigint): SchemaVersion | undefined
  /** Reads data written with `writer` into the latest schema of its event type; none needed for the latest. */
  resolverFor(writer: SchemaVersion): Resolver | undefined
}

/** The schemas shipped with this package, found relative to this module. */
export const schemaDirectory = new URL('../schemas/', import.meta.url)

/**
 * Reads `envelope.avsc` and every `<folder>/<EventType>.v<n>.avsc`, where the folder is named
 * after the event's topic. Fails on anything inconsistent, so a broken contract stops start-up.
 */
export function loadSchemaStore(directory: URL = schemaDirectory): SchemaStore {
  const envelope = readSchema(new URL('envelope.avsc', directory))
  const byEventType = new Map<EventType, SchemaVersion[]>(eventTypes.map((eventType) => [eventType, []]))

  for (const topic of Object.values(topics)) {
    const folder = schemaFolderOf(topic)
    for (const fileName of readdirSync(new URL(`${folder}/`, directory))) {
      const version = loadVersion(directory, `${folder}/${fileName}`, envelope)
      if (topicOf(version.eventType) !== topic) {
        throw new Error(`${version.file}: ${version.eventType} belongs to ${topicOf(version.eventType)}`)
      }

      byEventType.get(version.eventType)!.push(version)
    }
  }

  const versions = [...byEventType.values()].flatMap((list) => list.sort((a, b) => a.version - b.version))
  checkVersions(byEventType)

  return createStore(versions, byEventType)
}

function createStore(versions: SchemaVersion[], byEventType: Map<EventType, SchemaVersion[]>): SchemaStore {
  const byFingerprint = new Map<bigint, SchemaVersion>()
  for (const version of versions) {
    const clash = byFingerprint.get(version.fingerprint)
    if (clash !== undefined) {
      throw new Error(`${version.file} has the same canonical form as ${clash.file}`)
    }

    byFingerprint.set(version.fingerprint, version)
  }

  const resolvers = new Map<SchemaVersion, Resolver>()
  const versionsOf = (eventType: EventType) => byEventType.get(eventType) ?? []
  const latest = (eventType: EventType) => {
    const version = versionsOf(eventType).at(-1)
    if (version === undefined) {
      throw new TypeError(`unknown event type ${eventType}`)
    }

    return version
  }

  return {
    versions,
    versionsOf,
    latest,
    byFingerprint: (fingerprint) => byFingerprint.get(fingerprint),
    resolverFor: (writer) => {
      const reader = latest(writer.eventType)
      if (reader === writer) {
        return undefined
      }

      let resolver = resolvers.get(writer)
      if (resolver === undefined) {
        resolver = reader.type.createResolver(writer.type)
        resolvers.set(writer, resolver)
      }

      return resolver
    },
  }
}

function loadVersion(directory: URL, file: string, envelope: AvroSchema): SchemaVersion {
  const match = SCHEMA_FILE.exec(file.slice(file.indexOf('/') + 1))
  if (match === null || !isEventType(match[1]!)) {
    throw new Error(`${file}: expected <EventType>.v<n>.avsc with a known event type`)
  }

  const eventType = match[1]
  const raw = readSchema(new URL(file, directory)) as {
    name?: unknown
    fields?: { name: string; type: unknown }[]
  }
  const [first, second, ...rest] = raw.fields ?? []
  const shaped = first?.name === 'envelope' && first.type === ENVELOPE_NAME && second?.name === 'payload'
  if (raw.name !== eventType || !shaped || rest.length > 0) {
    throw new Error(
      `${file}: expected record ${eventType} with fields envelope (${ENVELOPE_NAME}) and payload`,
    )
  }

  const schema = withEnvelope(raw as AvroSchema, envelope)
  try {
    const canonicalForm = canonicalFormOf(schema)

    return {
      eventType,
      version: Number(match[2]),
      file,
      schema,
      canonicalForm,
      fingerprint: rabinFingerprint(Buffer.from(canonicalForm, 'utf8')),
      type: compileSchema(schema),
    }
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error })
  }
}

/** Writes the envelope definition in place of its name, so each event schema stands alone. */
function withEnvelope(schema: AvroSchema, envelope: AvroSchema): AvroSchema {
  const record = schema as { fields: { name: string; type: unknown }[] }
  const fields = record.fields.map((field) =>
    field.type === ENVELOPE_NAME ? { ...field, type: envelope } : field,
  )

  return { ...record, fields } as AvroSchema
}

/** Every event type needs a v1, and versions count up without gaps. */
function checkVersions(byEventType: Map<EventType, SchemaVersion[]>): void {
  for (const [eventType, versions] of byEventType) {
    versions.forEach((version, index) => {
      if (version.version !== index + 1) {
        throw new Error(`${eventType}: expected version ${index + 1}, found ${version.file}`)
      }
    })
    if (versions.length === 0) {
      throw new Error(`${eventType}: no schema file`)
    }
  }
}

function readSchema(url: URL): AvroSchema {
  return JSON.parse(readFileSync(url, 'utf8')) as AvroSchema
}
