import { randomBytes, randomUUID } from 'node:crypto'

import { loadConfig } from '@pay/config'
import { decodeEvent, encodeEvent, topicOf, topics, type EventMessage } from '@pay/contracts'
import type { Pool } from '@pay/db'
import { startService, type RunningService } from '@pay/runtime'
import { signInternalToken, type Role } from '@pay/service-auth'
import { createTestSchema, createTopics, infra, uniqueName, waitFor, type TestSchema } from '@pay/testkit'
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs'
import type { LightMyRequestResponse } from 'fastify'

import { ledgerConfigSchema, ledgerService, type LedgerConfig } from '../../src/service.ts'

export interface TestUser {
  userId: string
  username: string
  role: Role
}

export function testUser(role: Role): TestUser {
  const userId = randomUUID()
  return { userId, username: `${role.toLowerCase()}-${userId.slice(0, 8)}`, role }
}

export interface CallOptions {
  as: TestUser
  body?: unknown
  /** A fresh key unless given; `null` sends none. */
  idempotencyKey?: string | null
  headers?: Record<string, string>
}

export interface PublishedEvent {
  key: string
  event: EventMessage
}

export interface FixtureOptions {
  /** Extra environment for the service. */
  env?: Record<string, string>
  /** Instances of the service sharing the schema and the consumer group, as replicas would. */
  replicas?: number
  /** Partitions of the consumed topics. */
  partitions?: number
}

export interface LedgerFixture {
  /** The first replica; HTTP calls go to it. */
  service: RunningService<LedgerConfig>
  replicas: RunningService<LedgerConfig>[]
  pool: Pool
  /** Everything the service published on its master-data and journal topics, in arrival order. */
  published: PublishedEvent[]
  call(method: 'GET' | 'POST' | 'PATCH', url: string, options: CallOptions): Promise<LightMyRequestResponse>
  /** Produces the events to the service's (prefixed) topics, as the other services would. */
  send(events: EventMessage[]): Promise<void>
  /** Produces already encoded bytes, for redeliveries of the very same message. */
  sendRaw(event: EventMessage, value: Buffer): Promise<void>
  stop(): Promise<void>
}

/**
 * The ledger service in-process against the real Postgres and Kafka, in a schema and under a
 * topic prefix of its own; tests feed its consumer real encoded events and read what it publishes.
 */
export async function startLedger(name: string, options: FixtureOptions = {}): Promise<LedgerFixture> {
  const schema = await createTestSchema(name)
  const prefix = `${uniqueName(name)}.`
  const secret = randomBytes(32).toString('hex')
  const config = loadConfig(ledgerConfigSchema, {
    DATABASE_URL: schema.url,
    DATABASE_SCHEMA: schema.schema,
    KAFKA_BROKERS: infra().kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    INTERNAL_TOKEN_SECRET: secret,
    LOG_LEVEL: process.env.LEDGER_TEST_LOG_LEVEL ?? 'silent',
    PORT: '8083',
    ...options.env,
  })
  // In production the approval and request services create the topics the ledger consumes.
  await createTopics([`${prefix}${topics.approvals}`, `${prefix}${topics.requests}`], {
    partitions: options.partitions ?? 2,
  })

  const kafka = new Kafka({
    clientId: 'ledger-test',
    brokers: infra().kafkaBrokers,
    logLevel: logLevel.ERROR,
  })
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  const reader = kafka.consumer({ groupId: `${prefix}reader`, maxWaitTimeInMs: 100 })
  const published: PublishedEvent[] = []

  const replicas: RunningService<LedgerConfig>[] = []
  try {
    await producer.connect()
    // One after the other: the first creates the schema and the topics the others then find.
    for (let index = 0; index < (options.replicas ?? 1); index++) {
      replicas.push(await startService(ledgerService, config, { listen: false }))
    }
    await startReader(reader, [`${prefix}${topics.masterData}`, `${prefix}${topics.journal}`], published)
  } catch (error) {
    await cleanUp(schema, producer, reader, replicas)
    throw error
  }

  const running = replicas[0]!
  return {
    service: running,
    replicas,
    pool: running.context.pool,
    published,
    async call(method, url, options) {
      const token = await signInternalToken(options.as, 'ledger', { secret })
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...options.headers }
      if (method !== 'GET' && options.idempotencyKey !== null) {
        headers['idempotency-key'] = options.idempotencyKey ?? randomUUID()
      }

      return running.app.inject({
        method,
        url,
        headers,
        ...(options.body === undefined ? {} : { payload: options.body as Record<string, unknown> }),
      })
    },
    async send(events) {
      const byTopic = new Map<string, { key: string; value: Buffer }[]>()
      for (const event of events) {
        const topic = `${prefix}${topicOf(event.envelope.eventType)}`
        const messages = byTopic.get(topic) ?? []
        messages.push({ key: event.envelope.aggregateId, value: encodeEvent(event) })
        byTopic.set(topic, messages)
      }

      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      })
    },
    async sendRaw(event, value) {
      await producer.send({
        topic: `${prefix}${topicOf(event.envelope.eventType)}`,
        acks: -1,
        messages: [{ key: event.envelope.aggregateId, value }],
      })
    },
    stop: () => cleanUp(schema, producer, reader, replicas),
  }
}

async function startReader(
  reader: Consumer,
  subscribed: string[],
  published: PublishedEvent[],
): Promise<void> {
  let assigned = false
  reader.on(reader.events.GROUP_JOIN, () => {
    assigned = true
  })

  await reader.connect()
  await reader.subscribe({ topics: subscribed, fromBeginning: true })
  await reader.run({
    eachMessage: async ({ message }) => {
      published.push({
        key: message.key?.toString() ?? '',
        event: decodeEvent(message.value ?? Buffer.alloc(0)),
      })
    },
  })
  await waitFor(() => assigned, { timeoutMs: 30_000, message: 'the test reader never joined its group' })
}

async function cleanUp(
  schema: TestSchema,
  producer: Producer,
  reader: Consumer,
  replicas: RunningService<LedgerConfig>[],
): Promise<void> {
  await Promise.allSettled([
    reader.disconnect(),
    producer.disconnect(),
    ...replicas.map((replica) => replica.stop()),
  ])
  await schema.drop()
}
