import { readFileSync, writeFileSync } from 'node:fs'

import { stringify } from 'yaml'

import { schemaStore } from './codec.ts'
import type { SchemaStore } from './schema-store.ts'
import { eventTypesOf, topics, type Topic } from './topics.ts'

/**
 * The AsyncAPI 3 catalogue of topics and events, generated from the schema files. Run
 * `node contracts/src/catalogue.ts` after adding a schema version; a test fails while the
 * committed file is stale.
 */
export const catalogueFile = new URL('../asyncapi.yaml', import.meta.url)

interface TopicFacts {
  channel: string
  producer: string
  key: string
  compacted?: boolean
}

const topicFacts: Record<Topic, TopicFacts> = {
  [topics.identity]: { channel: 'identity', producer: 'gateway', key: 'user id' },
  [topics.requests]: {
    channel: 'requests',
    producer: 'request service',
    key: 'batch id for batch events, request id for request events',
  },
  [topics.approvals]: { channel: 'approvals', producer: 'approval service', key: 'request id' },
  [topics.masterData]: {
    channel: 'masterData',
    producer: 'ledger service',
    key: 'entity id',
    compacted: true,
  },
  [topics.journal]: {
    channel: 'journal',
    producer: 'ledger service',
    key: 'request id for journal entries, account id for accounts',
  },
}

const KAFKA_BINDING_VERSION = '0.5.0'
const AVRO_FORMAT = 'application/vnd.apache.avro+json;version=1.9.0'

const description = `Every message value is one Avro record { envelope, payload } in Avro single-object encoding:
the bytes C3 01, the CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form as 8
little-endian bytes, then the Avro binary body. The payload schema shown is the latest version;
x-schema-versions lists the fingerprint of every released version, whose files live in
contracts/schemas. Every version stays backward and forward compatible with all earlier ones.
The W3C traceparent travels in the Kafka headers. Generated from the schema files; do not edit.`

export function renderCatalogue(store: SchemaStore): string {
  const channels: Record<string, unknown> = {}
  const operations: Record<string, unknown> = {}
  const messages: Record<string, unknown> = {}

  for (const topic of Object.values(topics)) {
    const facts = topicFacts[topic]
    const eventTypes = eventTypesOf(topic)
    channels[facts.channel] = {
      address: topic,
      description: `Published by the ${facts.producer}; the Kafka key is the ${facts.key}.`,
      messages: Object.fromEntries(
        eventTypes.map((eventType) => [eventType, { $ref: `#/components/messages/${eventType}` }]),
      ),
      ...(facts.compacted && {
        bindings: {
          kafka: {
            bindingVersion: KAFKA_BINDING_VERSION,
            topicConfiguration: { 'cleanup.policy': ['compact'] },
          },
        },
      }),
    }
    operations[`publish${facts.channel[0]!.toUpperCase()}${facts.channel.slice(1)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${facts.channel}` },
      summary: `The ${facts.producer} publishes through its transactional outbox.`,
      messages: eventTypes.map((eventType) => ({
        $ref: `#/channels/${facts.channel}/messages/${eventType}`,
      })),
    }

    for (const eventType of eventTypes) {
      const latest = store.latest(eventType)
      messages[eventType] = {
        name: eventType,
        summary: (latest.schema as { doc?: string }).doc,
        contentType: 'application/octet-stream',
        payload: { schemaFormat: AVRO_FORMAT, schema: latest.schema },
        bindings: {
          kafka: { bindingVersion: KAFKA_BINDING_VERSION, key: { type: 'string', description: facts.key } },
        },
        'x-schema-versions': store.versionsOf(eventType).map((version) => ({
          version: version.version,
          file: `contracts/schemas/${version.file}`,
          fingerprint: version.fingerprint.toString(16).padStart(16, '0'),
        })),
      }
    }
  }

  const document = {
    asyncapi: '3.0.0',
    info: { title: 'Payment workflow events', version: '1.0.0', description },
    defaultContentType: 'application/octet-stream',
    channels,
    operations,
    components: { messages },
  }

  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false, singleQuote: true })
}

export function isCatalogueCurrent(store: SchemaStore = schemaStore): boolean {
  return readFileSync(catalogueFile, 'utf8') === renderCatalogue(store)
}

if (import.meta.main) {
  writeFileSync(catalogueFile, renderCatalogue(schemaStore))
}
