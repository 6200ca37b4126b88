import { randomUUID } from 'node:crypto'

import { decodeEvent, newEnvelope, type EventMessage } from '@pay/contracts'
import { createPool, type Pool } from '@pay/db'
import { createLogger } from '@pay/logging'
import { createTestSchema, infra, uniqueName, type TestSchema } from '@pay/testkit'
import type { Kafka } from 'kafkajs'

import { createKafka, migrateMessaging } from '../../src/index.ts'

export const silentLogger = createLogger({ service: 'messaging-test', level: 'silent' })

export interface MessagingFixture {
  schema: TestSchema
  pool: Pool
  kafka: Kafka
  prefix: string
  close(): Promise<void>
}

/** A fresh schema with the messaging tables, a Kafka client and a topic prefix of its own. */
export async function messagingFixture(name: string): Promise<MessagingFixture> {
  const schema = await createTestSchema(name)
  const pool = createPool({ connectionString: schema.url, schema: schema.schema, max: 5 })
  await migrateMessaging(pool)
  const kafka = createKafka({ clientId: name, brokers: infra().kafkaBrokers, logger: silentLogger })

  return {
    schema,
    pool,
    kafka,
    prefix: `${uniqueName(name)}.`,
    async close() {
      await pool.end()
      await schema.drop()
    },
  }
}

export function batchCreated(
  batchId: string,
  version: number,
  title = 'May payments',
): EventMessage<'BatchCreated'> {
  return {
    envelope: newEnvelope({
      eventType: 'BatchCreated',
      aggregateType: 'Batch',
      aggregateId: batchId,
      aggregateVersion: version,
      actorId: randomUUID(),
      correlationId: randomUUID(),
    }),
    payload: { batchId, title, createdBy: randomUUID(), status: 'DRAFT' },
  }
}

export interface Collected {
  key: string
  event: EventMessage
  headers: Record<string, string>
}

/** Reads a topic from the beginning with a throw-away group, decoding every message. */
export async function collect(kafka: Kafka, topic: string) {
  const messages: Collected[] = []
  const consumer = kafka.consumer({ groupId: uniqueName('collector'), maxWaitTimeInMs: 100 })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
      )
      messages.push({ key: String(message.key), event: decodeEvent(message.value!), headers })
    },
  })

  return { messages, stop: () => consumer.disconnect() }
}
