import { setTimeout as sleep } from 'node:timers/promises'

import { topicSettings } from '@pay/contracts'
import type { Pool } from '@pay/db'
import { createLogger } from '@pay/logging'
import { createKafka, ensureTopics, OutboxRelay } from '@pay/messaging'
import type { IHeaders } from 'kafkajs'

import { round } from './stats.ts'

export interface RelayRun {
  kind: 'relay' | 'raw-producer'
  batchSize: number
  messages: number
  seconds: number
  messagesPerS: number
  megabytesPerS: number
}

export interface RelayResult {
  messages: number
  averagePayloadBytes: number
  partitions: number
  runs: RelayRun[]
  /** Best default-settings relay run over best raw run. */
  relayPerS: number
  rawPerS: number
  ratio: number
}

interface OutboxMessage {
  topic: string
  key: string
  value: Buffer
  headers: IHeaders
}

const logger = createLogger({ service: 'bench', level: 'warn' })

/**
 * Fills the scratch schema's outbox with copies of the system's real RequestCreated rows (new event
 * ids), then times the OutboxRelay draining it to Kafka; and times a bare kafkajs producer sending
 * the same messages with the relay's producer settings (idempotent, one request in flight, acks
 * from all replicas) in batches of the same size. Each to its own topic, read by nobody.
 */
export async function measureRelay(options: {
  pool: Pool
  schema: string
  sourceOutbox: string
  kafkaBrokers: string[]
  topicPrefix: string
  messages: number
  rounds: number
  variantBatchSizes: number[]
}): Promise<RelayResult> {
  const { pool, schema, kafkaBrokers, messages } = options
  const kafka = createKafka({ clientId: 'bench-relay', brokers: kafkaBrokers, logger })
  const topic = 'payments.requests.v1'
  const partitions = topicSettings[topic].partitions
  const relayPrefix = `${options.topicPrefix}relay.`
  const rawPrefix = `${options.topicPrefix}raw.`
  await ensureTopics(kafka, [
    { topic: `${relayPrefix}${topic}`, partitions },
    { topic: `${rawPrefix}${topic}`, partitions },
  ])

  await fillTemplate(pool, options.sourceOutbox, messages)
  const loaded = await loadMessages(pool)
  const averagePayloadBytes = Math.round(
    loaded.reduce((sum, message) => sum + message.value.length, 0) / loaded.length,
  )
  const bytes = loaded.reduce((sum, message) => sum + message.value.length + message.key.length, 0)
  const runs: RelayRun[] = []

  for (let pass = 0; pass < options.rounds; pass += 1) {
    runs.push(await timeRelay(pool, kafka, schema, relayPrefix, 500, messages, bytes))
    runs.push(await timeRawProducer(kafka, loaded, rawPrefix, 500, bytes))
  }
  for (const batchSize of options.variantBatchSizes) {
    runs.push(await timeRelay(pool, kafka, schema, relayPrefix, batchSize, messages, bytes))
    runs.push(await timeRawProducer(kafka, loaded, rawPrefix, batchSize, bytes))
  }

  const best = (kind: RelayRun['kind']) =>
    Math.max(
      ...runs.filter((run) => run.kind === kind && run.batchSize === 500).map((run) => run.messagesPerS),
    )
  const relayPerS = best('relay')
  const rawPerS = best('raw-producer')

  return {
    messages,
    averagePayloadBytes,
    partitions,
    runs,
    relayPerS,
    rawPerS,
    ratio: round(relayPerS / rawPerS, 3),
  }
}

async function fillTemplate(pool: Pool, sourceOutbox: string, messages: number): Promise<void> {
  await pool.query('drop table if exists relay_template')
  await pool.query(
    `create table relay_template as
     with source as (
       select row_number() over (order by id) - 1 as n, event_type, topic, message_key, payload, headers
         from ${sourceOutbox} where event_type = 'RequestCreated'
        order by id limit 2000
     )
     select g as n, s.event_type, s.topic, s.message_key, s.payload, s.headers
       from generate_series(0, $1::int - 1) as g
       join source s on s.n = g % (select count(*) from source)`,
    [messages],
  )
  const { rows } = await pool.query<{ count: bigint }>('select count(*) as count from relay_template')
  if (Number(rows[0]?.count) !== messages) {
    throw new Error(`${rows[0]?.count} template rows instead of ${messages}: no RequestCreated to copy?`)
  }
}

async function loadMessages(pool: Pool): Promise<OutboxMessage[]> {
  const { rows } = await pool.query<{
    topic: string
    message_key: string
    payload: Buffer
    headers: Record<string, string>
    event_type: string
  }>('select topic, message_key, payload, headers, event_type from relay_template order by n')

  return rows.map((row) => ({
    topic: row.topic,
    key: row.message_key,
    value: row.payload,
    headers: { ...row.headers, 'event-type': row.event_type },
  }))
}

/**
 * A relay that is already the leader with a connected producer (a probe row went through), then
 * every template row committed at once with the NOTIFY appendToOutbox sends: what is timed is
 * the drain, not the start.
 */
async function timeRelay(
  pool: Pool,
  kafka: ReturnType<typeof createKafka>,
  schema: string,
  topicPrefix: string,
  batchSize: number,
  messages: number,
  bytes: number,
): Promise<RelayRun> {
  await pool.query('truncate outbox')
  const relay = new OutboxRelay({ pool, kafka, schema, topicPrefix, logger, batchSize })
  relay.start()

  try {
    await pool.query(
      `insert into outbox (event_id, event_type, topic, message_key, payload, headers)
       select gen_random_uuid(), event_type, topic, message_key, payload, headers from relay_template limit 1`,
    )
    await pool.query(`select pg_notify('outbox_' || current_schema(), '')`)
    await until(async () => (await unpublished(pool)) === 0)

    const client = await pool.connect()
    try {
      await client.query('begin')
      await client.query(
        `insert into outbox (event_id, event_type, topic, message_key, payload, headers)
         select gen_random_uuid(), event_type, topic, message_key, payload, headers
           from relay_template order by n`,
      )
      await client.query(`select pg_notify('outbox_' || current_schema(), '')`)
      await client.query('commit')
    } finally {
      client.release()
    }
    const started = performance.now()
    await until(async () => (await unpublished(pool)) === 0)

    return runOf('relay', batchSize, messages, (performance.now() - started) / 1000, bytes)
  } finally {
    await relay.stop()
  }
}

async function timeRawProducer(
  kafka: ReturnType<typeof createKafka>,
  messages: OutboxMessage[],
  topicPrefix: string,
  batchSize: number,
  bytes: number,
): Promise<RelayRun> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false })
  await producer.connect()

  try {
    // The relay's probe row fetched the topic's metadata before its timing began; so does this.
    const probe = messages[0]!
    await producer.send({ acks: -1, topic: `${topicPrefix}${probe.topic}`, messages: [probe] })
    const started = performance.now()
    for (let index = 0; index < messages.length; index += batchSize) {
      const slice = messages.slice(index, index + batchSize)
      await producer.sendBatch({
        acks: -1,
        topicMessages: [
          {
            topic: `${topicPrefix}${slice[0]!.topic}`,
            messages: slice.map(({ key, value, headers }) => ({ key, value, headers })),
          },
        ],
      })
    }

    return runOf('raw-producer', batchSize, messages.length, (performance.now() - started) / 1000, bytes)
  } finally {
    await producer.disconnect()
  }
}

function runOf(
  kind: RelayRun['kind'],
  batchSize: number,
  messages: number,
  seconds: number,
  bytes: number,
): RelayRun {
  return {
    kind,
    batchSize,
    messages,
    seconds: round(seconds, 3),
    messagesPerS: Math.round(messages / seconds),
    megabytesPerS: round(bytes / seconds / 1e6, 2),
  }
}

async function unpublished(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ count: bigint }>(
    'select count(*) as count from outbox where published_at is null',
  )

  return Number(rows[0]?.count ?? 0)
}

async function until(done: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await done())) {
    if (Date.now() > deadline) {
      throw new Error('the relay did not drain the outbox in time')
    }
    await sleep(20)
  }
}
