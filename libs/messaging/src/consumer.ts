import { decodeEvent, type EventMessage, type EventType } from '@pay/contracts'
import { withTransaction, type Pool, type PoolClient } from '@pay/db'
import { currentTraceId, withSpan } from '@pay/telemetry'
import {
  Partitioners,
  type Consumer,
  type IHeaders,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs'
import type { Logger } from '@pay/logging'
import type { Registry } from 'prom-client'

import { backoffDelay, pause, type Backoff } from './backoff.ts'
import { ensureTopics } from './kafka.ts'
import { messagingMetrics, type MessagingMetrics } from './metrics.ts'

export interface HandlerContext {
  /** The transaction the dedup row is written in; the handler's effect must use it. */
  client: PoolClient
  logger: Logger
  topic: string
  partition: number
  offset: string
  /** W3C trace context the producer sent with the event, if any. */
  traceparent: string | undefined
}

export type EventHandler<T extends EventType = EventType> = (
  event: EventMessage<T>,
  context: HandlerContext,
) => Promise<void>

export type EventHandlers = { [T in EventType]?: EventHandler<T> }

export interface ConsumerOptions {
  kafka: Kafka
  pool: Pool
  /** Consumer group; also the consumer's name in the dedup table. */
  groupId: string
  topics: string[]
  handlers: EventHandlers
  logger: Logger
  /** Attempts of a failing handler before its message goes to the dead-letter topic. */
  maxAttempts?: number
  backoff?: Backoff
  dlqTopic?: string
  fromBeginning?: boolean
  /** How long a fetch waits for data; low values trade broker work for latency. */
  maxWaitTimeMs?: number
  sessionTimeoutMs?: number
  registry?: Registry
}

export function deadLetterTopic(groupId: string): string {
  return `payments.dlq.${groupId}`
}

type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead_lettered'

const COMMIT_EVERY = 50

/**
 * Runs one consumer group: every event is applied in one transaction together with its row in
 * `processed_events`, so redeliveries change nothing; offsets are committed only after that
 * transaction. A message that cannot be decoded, or whose handler keeps failing while the database
 * is healthy, goes to the dead-letter topic with the reason in its headers, and the consumer moves
 * on. While the database is unreachable nothing is dead-lettered: the consumer waits instead.
 */
export class ConsumerRunner {
  readonly #options: Required<Omit<ConsumerOptions, 'registry'>>
  readonly #metrics: MessagingMetrics
  readonly #stopping = new AbortController()
  readonly #consumer: Consumer
  readonly #producer: Producer

  constructor(options: ConsumerOptions) {
    this.#options = {
      maxAttempts: 5,
      backoff: { initialMs: 100, maxMs: 5_000 },
      dlqTopic: deadLetterTopic(options.groupId),
      fromBeginning: true,
      maxWaitTimeMs: 100,
      sessionTimeoutMs: 15_000,
      ...options,
      logger: options.logger.child({ component: 'consumer', group: options.groupId }),
    }
    this.#metrics = messagingMetrics(options.registry)
    this.#consumer = options.kafka.consumer({
      groupId: options.groupId,
      maxWaitTimeInMs: this.#options.maxWaitTimeMs,
      sessionTimeout: this.#options.sessionTimeoutMs,
      heartbeatInterval: 1_000,
      allowAutoTopicCreation: false,
    })
    this.#producer = options.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    })
  }

  async start(): Promise<void> {
    const { kafka, topics, fromBeginning, dlqTopic } = this.#options
    await ensureTopics(kafka, [{ topic: dlqTopic, partitions: 1 }])
    await this.#producer.connect()
    await this.#consumer.connect()
    await this.#consumer.subscribe({ topics, fromBeginning })
    await this.#consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const { topic, partition } = batch
        let uncommitted: string | undefined
        const commit = async () => {
          if (uncommitted === undefined) {
            return
          }

          await this.#consumer.commitOffsets([{ topic, partition, offset: uncommitted }])
          this.#metrics.consumerLag.set(
            { group: this.#options.groupId, topic, partition: String(partition) },
            Number(BigInt(batch.highWatermark) - BigInt(uncommitted)),
          )
          uncommitted = undefined
        }

        try {
          for (const [index, message] of batch.messages.entries()) {
            if (!isRunning() || isStale() || this.#stopping.signal.aborted) {
              return
            }

            await this.#handle(topic, partition, message, heartbeat)
            resolveOffset(message.offset)
            uncommitted = (BigInt(message.offset) + 1n).toString()
            // Committing every message would cost a broker round trip each; a redelivery of the
            // uncommitted tail after a crash is absorbed by the dedup table.
            if ((index + 1) % COMMIT_EVERY === 0) {
              await commit()
            }
          }
        } finally {
          await commit()
        }
      },
    })
  }

  async stop(): Promise<void> {
    this.#stopping.abort()
    await this.#consumer.disconnect()
    await this.#producer.disconnect()
  }

  async #handle(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>) {
    const { groupId, logger } = this.#options
    // The relay names the event type in a header, so a consumer skips what it does not handle
    // without decoding it; for the types it handles, the decoded body stays the authority.
    const announced = headerText(message.headers?.['event-type'])
    if (announced !== undefined && !Object.hasOwn(this.#options.handlers, announced)) {
      this.#count(topic, 'ignored')
      return
    }

    let event: EventMessage
    try {
      event = decodeEvent(message.value ?? Buffer.alloc(0))
    } catch (error) {
      logger.error(
        { err: error, topic, partition, offset: message.offset },
        'undecodable message; dead-lettering it',
      )
      await this.#deadLetter(topic, partition, message, 'undecodable', error, 0)
      this.#count(topic, 'dead_lettered')
      return
    }

    const handler = this.#options.handlers[event.envelope.eventType] as EventHandler | undefined
    if (handler === undefined) {
      this.#count(topic, 'ignored')
      return
    }

    const traceparent = headerText(message.headers?.traceparent)
    const attributes = { 'messaging.destination.name': topic, 'messaging.consumer.group.name': groupId }
    const outcome = await withSpan(
      `${topic} process ${event.envelope.eventType}`,
      { parent: traceparent, kind: 'consumer', attributes },
      () => this.#applyWithRetries(event, handler, { topic, partition, message, heartbeat }),
    )
    this.#count(topic, outcome)
  }

  async #applyWithRetries(
    event: EventMessage,
    handler: EventHandler,
    delivery: { topic: string; partition: number; message: KafkaMessage; heartbeat: () => Promise<void> },
  ): Promise<Outcome> {
    const { maxAttempts, backoff } = this.#options
    const { topic, partition, message } = delivery
    const logger = this.#options.logger.child({
      eventId: event.envelope.eventId,
      eventType: event.envelope.eventType,
      correlationId: event.envelope.correlationId,
      traceId: currentTraceId(),
    })
    let attempt = 0
    let outage = 0

    for (;;) {
      attempt += 1
      try {
        return await this.#apply(event, handler, {
          logger,
          topic,
          partition,
          offset: message.offset,
          traceparent: headerText(message.headers?.traceparent),
        })
      } catch (error) {
        if (this.#stopping.signal.aborted) {
          throw error
        }

        if (!(await this.#databaseReachable())) {
          // Not the message's fault: retry it for as long as the outage lasts.
          attempt -= 1
          outage += 1
          logger.warn({ err: error, outage }, 'database unreachable; waiting before retrying the event')
          await delivery.heartbeat()
          await pause(backoffDelay(outage, backoff), this.#stopping.signal)
          continue
        }

        if (attempt >= maxAttempts) {
          logger.error({ err: error, attempts: attempt }, 'event handler kept failing; dead-lettering it')
          await this.#deadLetter(topic, partition, message, 'handler-failed', error, attempt)
          return 'dead_lettered'
        }

        logger.warn({ err: error, attempt }, 'event handler failed; retrying')
        await delivery.heartbeat()
        await pause(backoffDelay(attempt, backoff), this.#stopping.signal)
      }
    }
  }

  async #apply(
    event: EventMessage,
    handler: EventHandler,
    context: Omit<HandlerContext, 'client'>,
  ): Promise<Outcome> {
    return withTransaction(this.#options.pool, async (client) => {
      const inserted = await client.query(
        `insert into processed_events (consumer, event_id, event_type, topic, kafka_partition, kafka_offset)
         values ($1, $2, $3, $4, $5, $6)
         on conflict do nothing`,
        [
          this.#options.groupId,
          event.envelope.eventId,
          event.envelope.eventType,
          context.topic,
          context.partition,
          context.offset,
        ],
      )
      if (inserted.rowCount === 0) {
        return 'duplicate'
      }

      await handler(event, { ...context, client })
      return 'applied'
    })
  }

  async #databaseReachable(): Promise<boolean> {
    try {
      await this.#options.pool.query('select 1')
      return true
    } catch {
      return false
    }
  }

  async #deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const { groupId, dlqTopic } = this.#options
    const headers: IHeaders = {
      ...message.headers,
      'dlq-reason': reason,
      'dlq-error': describe(error),
      'dlq-source-topic': topic,
      'dlq-source-partition': String(partition),
      'dlq-source-offset': message.offset,
      'dlq-consumer-group': groupId,
      'dlq-attempts': String(attempts),
      'dlq-failed-at': new Date().toISOString(),
    }

    await this.#producer.send({
      topic: dlqTopic,
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    })
    this.#metrics.deadLettered.inc({ group: groupId, topic })
  }

  #count(topic: string, outcome: Outcome): void {
    this.#metrics.consumerProcessed.inc({ group: this.#options.groupId, topic, outcome })
  }
}

function headerText(value: IHeaders[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return first === undefined ? undefined : first.toString()
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return text.slice(0, 1_000)
}
