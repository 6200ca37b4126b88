import { randomBytes, randomUUID } from 'node:crypto'

import { loadConfig } from '@pay/config'
import { encodeEvent, topicOf, topics, type EventMessage } from '@pay/contracts'
import { createPool, type Pool } from '@pay/db'
import { createLogger } from '@pay/logging'
import { startService, type RunningService } from '@pay/runtime'
import { signInternalToken, type Role } from '@pay/service-auth'
import { deadLetterTopic } from '@pay/messaging'
import { createTestSchema, infra, uniqueName, type TestSchema } from '@pay/testkit'
import { Kafka, logLevel, type Producer } from 'kafkajs'

import {
  AUDIT_GROUP_ID,
  auditConfigSchema,
  auditedTopics,
  auditService,
  type AuditConfig,
} from '../../src/service.ts'
import { createSettledTopics } from './topics.ts'

export interface AuditServiceFixture {
  service: RunningService<AuditConfig>
  schema: TestSchema
  prefix: string
  /** A superuser pool in the service's schema. */
  superuser: Pool
  /** Produces encoded events to the prefixed topic of their type, keyed by aggregate id, one send each. */
  produce(events: EventMessage[], headers?: (event: EventMessage) => Record<string, string>): Promise<void>
  /** Produces one already encoded message, as a redelivery would. */
  produceRaw(topic: string, key: string, value: Buffer): Promise<void>
  tokenFor(role: Role, userId?: string): Promise<string>
  close(): Promise<void>
}

/** The audit service started in-process on a fresh schema and its own topic prefix. */
export async function auditServiceFixture(): Promise<AuditServiceFixture> {
  const schema = await createTestSchema('audit')
  const prefix = `${uniqueName('audit')}.`
  const secret = randomBytes(32).toString('hex')
  // The publishing services create these topics in production; here the test stands in for them.
  // The dead-letter topic is made here too, so the runner finds it instead of racing to create it.
  await createSettledTopics(
    [
      ...auditedTopics.map((topic) => ({
        topic: `${prefix}${topic}`,
        compacted: topic === topics.masterData,
      })),
      { topic: `${prefix}${deadLetterTopic(AUDIT_GROUP_ID)}` },
    ],
    3,
  )

  const config = loadConfig(auditConfigSchema, {
    DATABASE_URL: schema.url,
    DATABASE_SCHEMA: schema.schema,
    DATABASE_POOL_SIZE: '4',
    KAFKA_BROKERS: infra().kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    INTERNAL_TOKEN_SECRET: secret,
    PORT: '1',
    AUDIT_VERIFY_PAGE_SIZE: '5',
  })
  const logger = createLogger({ service: 'audit-test', level: 'silent' })
  const service = await startService(auditService, config, { listen: false, logger })
  const superuser = createPool({ connectionString: infra().databaseUrl, schema: schema.schema, max: 2 })
  const kafka = new Kafka({ clientId: 'audit-test', brokers: infra().kafkaBrokers, logLevel: logLevel.ERROR })
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false })
  await producer.connect()

  return {
    service,
    schema,
    prefix,
    superuser,
    async produce(events, headers = () => ({})) {
      for (const event of events) {
        await producer.send({
          topic: `${prefix}${topicOf(event.envelope.eventType)}`,
          acks: -1,
          messages: [{ key: event.envelope.aggregateId, value: encodeEvent(event), headers: headers(event) }],
        })
      }
    },
    async produceRaw(topic, key, value) {
      await producer.send({ topic: `${prefix}${topic}`, acks: -1, messages: [{ key, value }] })
    },
    tokenFor: (role, userId = randomUUID()) =>
      signInternalToken({ userId, username: `${role.toLowerCase()}-user`, role }, 'audit', { secret }),
    async close() {
      await producer.disconnect()
      await service.stop()
      await superuser.end()
      await schema.drop()
    },
  }
}
