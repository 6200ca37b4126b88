import { randomBytes, randomUUID } from 'node:crypto'

import { loadConfig } from '@pay/config'
import {
  decodeEvent,
  encodeEvent,
  newEnvelope,
  topics,
  type EventMessage,
  type EventType,
  type RequestSnapshot,
} from '@pay/contracts'
import { createLogger } from '@pay/logging'
import { startService, type RunningService } from '@pay/runtime'
import { signInternalToken, type Role } from '@pay/service-auth'
import { createTestSchema, createTopics, infra, uniqueName, waitFor, type TestSchema } from '@pay/testkit'
import type { InjectOptions as LightInjectOptions } from 'fastify'
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs'

import { approvalConfigSchema, approvalService, type ApprovalConfig } from '../../src/service.ts'

export interface User {
  userId: string
  username: string
  role: Role
}

export function user(role: Role): User {
  const userId = randomUUID()
  return { userId, username: `${role.toLowerCase()}-${userId.slice(0, 8)}`, role }
}

export interface InjectOptions {
  as: User
  body?: unknown
  idempotencyKey?: string
}

/**
 * The approval service running in-process against the real Postgres and Kafka, with its own schema
 * and topic prefix; a producer that feeds its consumer real encoded events, and a reader of
 * everything it publishes.
 */
export class ApprovalFixture {
  readonly published: EventMessage[] = []
  /** The Kafka key each published event (by event id) carried. */
  readonly keys = new Map<string, string>()
  readonly service: RunningService<ApprovalConfig>
  readonly prefix: string
  readonly #schema: TestSchema
  readonly #producer: Producer
  readonly #reader: Consumer

  private constructor(
    service: RunningService<ApprovalConfig>,
    prefix: string,
    schema: TestSchema,
    producer: Producer,
    reader: Consumer,
  ) {
    this.service = service
    this.prefix = prefix
    this.#schema = schema
    this.#producer = producer
    this.#reader = reader
  }

  static async start(name: string, env: Record<string, string> = {}): Promise<ApprovalFixture> {
    const schema = await createTestSchema(name)
    const prefix = `${uniqueName(name)}.`
    const config = loadConfig(approvalConfigSchema, {
      DATABASE_URL: schema.url,
      DATABASE_SCHEMA: schema.schema,
      DATABASE_POOL_SIZE: '25',
      KAFKA_BROKERS: infra().kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      INTERNAL_TOKEN_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: process.env.APPROVAL_TEST_LOG_LEVEL ?? 'silent',
      ...env,
    })
    // The request service creates its topic in production; here the test stands in for it.
    await createTopics([`${prefix}${topics.requests}`], { partitions: 3 })
    const logger = createLogger({ service: 'approval', level: config.LOG_LEVEL })
    const service = await startService(approvalService, config, { listen: false, logger })

    const kafka = new Kafka({ clientId: name, brokers: infra().kafkaBrokers, logLevel: logLevel.ERROR })
    const producer = kafka.producer()
    await producer.connect()
    const reader = kafka.consumer({ groupId: uniqueName(`${name}-reader`), maxWaitTimeInMs: 100 })
    await reader.connect()
    await reader.subscribe({ topic: `${prefix}${topics.approvals}`, fromBeginning: true })

    const fixture = new ApprovalFixture(service, prefix, schema, producer, reader)
    await reader.run({
      eachMessage: async ({ message }) => {
        const event = decodeEvent(message.value!)
        fixture.keys.set(event.envelope.eventId, String(message.key))
        fixture.published.push(event)
      },
    })

    return fixture
  }

  async stop(): Promise<void> {
    await this.#reader.disconnect()
    await this.#producer.disconnect()
    await this.service.stop()
    await this.#schema.drop()
  }

  get pool() {
    return this.service.context.pool
  }

  /** Produces an event to the prefixed requests topic, keyed like the request service keys it. */
  async produce(event: EventMessage): Promise<void> {
    await this.#producer.send({
      topic: `${this.prefix}${topics.requests}`,
      acks: -1,
      messages: [{ key: event.envelope.aggregateId, value: encodeEvent(event) }],
    })
  }

  /** Submits a request and waits until the service queued it. */
  async submit(overrides: Partial<RequestSnapshot> = {}): Promise<EventMessage<'RequestSubmitted'>> {
    const event = requestSubmitted(overrides)
    await this.produce(event)
    await this.queued(event.payload.requestId)

    return event
  }

  async queued(requestId: string): Promise<void> {
    await waitFor(async () => (await this.itemCount(requestId)) === 1, {
      timeoutMs: 20_000,
      message: `request ${requestId} was not queued`,
    })
  }

  async itemCount(requestId: string): Promise<number> {
    const { rows } = await this.pool.query(
      'select count(*)::int as n from approval_items where request_id = $1',
      [requestId],
    )

    return rows[0].n
  }

  async inject(method: 'GET' | 'POST' | 'PUT', url: string, options: InjectOptions) {
    const token = await signInternalToken(options.as, 'approval', {
      secret: this.service.context.config.INTERNAL_TOKEN_SECRET,
    })
    const headers: Record<string, string> = { authorization: `Bearer ${token}` }
    if (method !== 'GET') {
      headers['idempotency-key'] = options.idempotencyKey ?? randomUUID()
    }

    const request: LightInjectOptions = { method, url, headers }
    if (options.body !== undefined) {
      request.payload = options.body as LightInjectOptions['payload']
    }

    return this.service.app.inject(request)
  }

  approve(requestId: string, as: User, body: unknown = {}, idempotencyKey?: string) {
    return this.inject('POST', `/requests/${requestId}/approve`, { as, body, idempotencyKey })
  }

  reject(requestId: string, as: User, comment: unknown) {
    return this.inject('POST', `/requests/${requestId}/reject`, { as, body: { comment } })
  }

  /** What the service published about one request, waiting until `count` events arrived. */
  async eventsOf(aggregateId: string, count: number): Promise<EventMessage[]> {
    return waitFor(
      () => {
        const events = this.published.filter((event) => event.envelope.aggregateId === aggregateId)
        return events.length >= count ? events : undefined
      },
      { timeoutMs: 15_000, message: `${count} events about ${aggregateId} not published` },
    )
  }

  /** Waits until one event of a type about the aggregate arrived and returns it. */
  async eventOf<T extends EventType>(aggregateId: string, eventType: T): Promise<EventMessage<T>> {
    return waitFor(
      () =>
        this.published.find(
          (event): event is EventMessage<T> =>
            event.envelope.aggregateId === aggregateId && event.envelope.eventType === eventType,
        ),
      { timeoutMs: 15_000, message: `no ${eventType} about ${aggregateId}` },
    )
  }
}

/** A RequestSubmitted as the request service publishes it: a ledger-driven vendor request of 1250.00 USD. */
export function requestSubmitted(overrides: Partial<RequestSnapshot> = {}): EventMessage<'RequestSubmitted'> {
  const payload: RequestSnapshot = {
    requestId: randomUUID(),
    batchId: randomUUID(),
    kind: 'LEDGER',
    status: 'SUBMITTED',
    baseAmount: 120_000n,
    extraAmount: 5_000n,
    totalAmount: 125_000n,
    currency: 'USD',
    payeeName: 'Northwind Scaffolding',
    beneficiaryName: null,
    beneficiaryAccount: null,
    purpose: null,
    entityType: 'VENDOR',
    vendorId: randomUUID(),
    subcontractorId: null,
    siteId: randomUUID(),
    siteCode: 'SITE-7',
    extraReason: 'weekend delivery',
    createdBy: randomUUID(),
    ...overrides,
  }

  return {
    envelope: newEnvelope({
      eventType: 'RequestSubmitted',
      aggregateType: 'PaymentRequest',
      aggregateId: payload.requestId,
      aggregateVersion: 2,
      actorId: payload.createdBy,
      correlationId: randomUUID(),
    }),
    payload,
  }
}

export function batchCancelled(
  batchId: string,
  createdBy: string = randomUUID(),
): EventMessage<'BatchCancelled'> {
  return {
    envelope: newEnvelope({
      eventType: 'BatchCancelled',
      aggregateType: 'Batch',
      aggregateId: batchId,
      aggregateVersion: 3,
      actorId: createdBy,
      correlationId: randomUUID(),
    }),
    payload: {
      batchId,
      title: 'May payments',
      createdBy,
      fromStatus: 'SUBMITTED',
      toStatus: 'CANCELLED',
      requestCount: 1,
    },
  }
}
