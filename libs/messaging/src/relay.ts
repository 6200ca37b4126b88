import { withTransaction, type Pool, type PoolClient } from '@pay/db'
import { Partitioners, type IHeaders, type Kafka, type Producer } from 'kafkajs'
import type { Logger } from '@pay/logging'
import type { Registry } from 'prom-client'

import { backoffDelay, pause, type Backoff } from './backoff.ts'
import { messagingMetrics, type MessagingMetrics } from './metrics.ts'
import { outboxChannel } from './outbox.ts'

export interface OutboxRelayOptions {
  pool: Pool
  kafka: Kafka
  /** The service's schema: names the outbox's NOTIFY channel and the relay's leader lock. */
  schema: string
  logger: Logger
  batchSize?: number
  /** Polling fallback for a lost NOTIFY (or one sent while the relay was reconnecting). */
  pollIntervalMs?: number
  /** A relay that is not the leader tries to become it this often. */
  standbyIntervalMs?: number
  /** Published rows are deleted after this long. */
  retentionMs?: number
  backoff?: Backoff
  /** Prepended to every topic name: lets test runs and environments share one cluster. */
  topicPrefix?: string
  registry?: Registry
}

interface OutboxRow {
  id: bigint
  topic: string
  message_key: string
  payload: Buffer
  headers: Record<string, string>
  event_type: string
}

const HOUSEKEEPING_INTERVAL_MS = 10_000
const PRODUCER_FAILURES_BEFORE_RESET = 3

/**
 * Publishes outbox rows to Kafka in id order. Only one relay per schema is active at a time (a
 * session advisory lock elects it): with several active relays, SKIP LOCKED would let a later event
 * of an aggregate overtake an earlier one that another relay holds. Rows are marked published in
 * the transaction that claimed them, after Kafka acknowledged them; a crash in between publishes
 * them again, which consumers absorb through their dedup tables.
 */
export class OutboxRelay {
  readonly #options: Required<Omit<OutboxRelayOptions, 'registry'>>
  readonly #metrics: MessagingMetrics
  readonly #stopping = new AbortController()
  #producer: Producer | undefined
  #running: Promise<void> | undefined
  #wake: (() => void) | undefined
  /** A NOTIFY that arrived while the relay was busy publishing: the next wait returns at once. */
  #woken = false
  #lastHousekeeping = 0

  constructor(options: OutboxRelayOptions) {
    this.#options = {
      batchSize: 500,
      pollIntervalMs: 1_000,
      standbyIntervalMs: 2_000,
      retentionMs: 24 * 60 * 60 * 1_000,
      backoff: { initialMs: 100, maxMs: 10_000 },
      topicPrefix: '',
      ...options,
      logger: options.logger.child({ component: 'outbox-relay' }),
    }
    this.#metrics = messagingMetrics(options.registry)
  }

  start(): void {
    this.#running ??= this.#run()
  }

  async stop(): Promise<void> {
    this.#stopping.abort()
    this.#notify()
    await this.#running
    await this.#producer?.disconnect().catch(() => undefined)
    this.#producer = undefined
  }

  async #run(): Promise<void> {
    const { logger } = this.#options
    let failures = 0

    while (!this.#stopping.signal.aborted) {
      try {
        const led = await this.#leadWhileAble()
        failures = 0
        if (!led) {
          await pause(this.#options.standbyIntervalMs, this.#stopping.signal)
        }
      } catch (error) {
        failures += 1
        logger.warn({ err: error, failures }, 'outbox relay lost its database connection')
        await pause(backoffDelay(failures, this.#options.backoff), this.#stopping.signal)
      }
    }
  }

  /** Holds the leader lock on a dedicated connection and publishes until stopped or disconnected. */
  async #leadWhileAble(): Promise<boolean> {
    const { pool, schema, logger } = this.#options
    const leader = await pool.connect()
    let connectionError: Error | undefined
    leader.on('error', (error) => {
      connectionError = error
      this.#notify()
    })

    try {
      const { rows } = await leader.query<{ locked: boolean }>(
        'select pg_try_advisory_lock(hashtext($1)) as locked',
        [outboxChannel(schema)],
      )
      if (!rows[0]?.locked) {
        return false
      }

      leader.on('notification', () => this.#notify())
      await leader.query(`listen "${outboxChannel(schema)}"`)
      logger.info({ schema }, 'outbox relay is the leader')
      await this.#publishUntilStopped(leader, () => connectionError)

      return true
    } finally {
      // Ending the session also releases the advisory lock, so a standby can take over.
      leader.release(true)
    }
  }

  async #publishUntilStopped(leader: PoolClient, broken: () => Error | undefined): Promise<void> {
    const { batchSize, pollIntervalMs, logger } = this.#options
    let failures = 0

    while (!this.#stopping.signal.aborted) {
      const error = broken()
      if (error !== undefined) {
        throw error
      }

      let published: number
      try {
        published = await this.#publishBatch()
        failures = 0
      } catch (publishError) {
        failures += 1
        logger.warn({ err: publishError, failures }, 'outbox publish failed; backing off')
        if (failures % PRODUCER_FAILURES_BEFORE_RESET === 0) {
          await this.#resetProducer()
        }
        // The backlog gauges matter most while Kafka is down: keep them current.
        await this.#housekeep(leader)
        await pause(backoffDelay(failures, this.#options.backoff), this.#stopping.signal)
        continue
      }

      await this.#housekeep(leader)
      if (published < batchSize) {
        await this.#waitForWork(pollIntervalMs)
      }
    }
  }

  async #publishBatch(): Promise<number> {
    const { pool, schema, batchSize } = this.#options
    const producer = await this.#connectedProducer()

    return withTransaction(pool, async (client) => {
      const { rows } = await client.query<OutboxRow>(
        `select id, topic, message_key, payload, headers, event_type
           from outbox
          where published_at is null
          order by id
          limit $1
          for update skip locked`,
        [batchSize],
      )
      if (rows.length === 0) {
        return 0
      }

      await producer.sendBatch({ acks: -1, topicMessages: groupByTopic(rows, this.#options.topicPrefix) })
      await client.query('update outbox set published_at = now() where id = any($1::bigint[])', [
        rows.map((row) => row.id.toString()),
      ])

      for (const row of rows) {
        this.#metrics.outboxPublished.inc({ schema, topic: row.topic })
      }

      return rows.length
    })
  }

  async #housekeep(leader: PoolClient): Promise<void> {
    const now = Date.now()
    if (now - this.#lastHousekeeping < HOUSEKEEPING_INTERVAL_MS) {
      return
    }

    this.#lastHousekeeping = now
    const { schema, retentionMs } = this.#options
    const { rows } = await leader.query<{ backlog: bigint; oldest_seconds: number | null }>(
      `select count(*) as backlog, extract(epoch from now() - min(created_at))::float8 as oldest_seconds
         from outbox where published_at is null`,
    )
    this.#metrics.outboxBacklog.set({ schema }, Number(rows[0]?.backlog ?? 0n))
    this.#metrics.outboxOldestAgeSeconds.set({ schema }, rows[0]?.oldest_seconds ?? 0)

    await leader.query(
      `delete from outbox
        where id in (select id from outbox
                      where published_at < now() - make_interval(secs => $1::float8 / 1000)
                      limit 5000)`,
      [retentionMs],
    )
  }

  #notify(): void {
    this.#woken = true
    this.#wake?.()
  }

  async #waitForWork(timeoutMs: number): Promise<void> {
    if (this.#woken) {
      this.#woken = false
      return
    }

    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs)
      this.#wake = done
      function done() {
        clearTimeout(timer)
        resolve()
      }
    })
    this.#wake = undefined
    this.#woken = false
  }

  async #connectedProducer(): Promise<Producer> {
    if (this.#producer !== undefined) {
      return this.#producer
    }

    const producer = this.#options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    })
    await producer.connect()
    this.#producer = producer

    return producer
  }

  // An idempotent producer can be left with a sequence state the broker no longer accepts (after a
  // broker restart, for instance); a new producer gets a new producer id and starts clean.
  async #resetProducer(): Promise<void> {
    const producer = this.#producer
    this.#producer = undefined
    await producer?.disconnect().catch(() => undefined)
  }
}

function groupByTopic(rows: OutboxRow[], topicPrefix: string) {
  const byTopic = new Map<string, { key: string; value: Buffer; headers: IHeaders }[]>()

  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? []
    messages.push({
      key: row.message_key,
      value: row.payload,
      headers: { ...row.headers, 'event-type': row.event_type },
    })
    byTopic.set(row.topic, messages)
  }

  return [...byTopic].map(([topic, messages]) => ({ topic: `${topicPrefix}${topic}`, messages }))
}
