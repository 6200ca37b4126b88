import { randomUUID } from 'node:crypto'

import { encodeEvent, type EventMessage } from '@pay/contracts'
import { createTopics, waitFor } from '@pay/testkit'
import type { Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ConsumerRunner, type EventHandlers } from '../src/index.ts'
import { batchCreated, messagingFixture, silentLogger, type MessagingFixture } from './support/fixtures.ts'

describe('ConsumerRunner', () => {
  let fixture: MessagingFixture
  let producer: Producer

  beforeAll(async () => {
    fixture = await messagingFixture('consumer')
    await fixture.pool.query(`create table effects (event_id uuid not null, title text not null)`)
    producer = fixture.kafka.producer()
    await producer.connect()
  })

  afterAll(async () => {
    await producer.disconnect()
    await fixture.close()
  })

  const recordEffect: EventHandlers = {
    BatchCreated: async (event, { client }) => {
      if (event.payload.title === 'poison') {
        throw new Error('this handler cannot apply a poison batch')
      }
      await client.query('insert into effects (event_id, title) values ($1, $2)', [
        event.envelope.eventId,
        event.payload.title,
      ])
    },
  }

  function runner(topic: string, groupId: string, handlers = recordEffect) {
    return new ConsumerRunner({
      kafka: fixture.kafka,
      pool: fixture.pool,
      groupId,
      topics: [topic],
      handlers,
      logger: silentLogger,
      maxAttempts: 3,
      backoff: { initialMs: 10, maxMs: 50 },
      dlqTopic: `${topic}.dlq`,
      sessionTimeoutMs: 6_000,
    })
  }

  async function send(topic: string, events: (EventMessage | Buffer)[]) {
    await producer.send({
      topic,
      messages: events.map((event) =>
        Buffer.isBuffer(event)
          ? { key: 'garbage', value: event }
          : { key: event.envelope.aggregateId, value: encodeEvent(event) },
      ),
    })
  }

  async function effectCounts(ids: string[]): Promise<Map<string, number>> {
    const { rows } = await fixture.pool.query<{ event_id: string; n: number }>(
      'select event_id, count(*)::int as n from effects where event_id = any($1::uuid[]) group by event_id',
      [ids],
    )
    return new Map(rows.map((row) => [row.event_id, row.n]))
  }

  it('should apply an event delivered three times exactly once', async () => {
    const topic = `${fixture.prefix}dedup`
    await createTopics([topic, `${topic}.dlq`], { partitions: 1 })
    const event = batchCreated(randomUUID(), 1, 'delivered thrice')
    const marker = batchCreated(randomUUID(), 1, 'marker')
    const consumer = runner(topic, `${fixture.prefix}dedup-group`)
    await consumer.start()

    try {
      await send(topic, [event, event, event, marker])
      await waitFor(
        async () => (await effectCounts([marker.envelope.eventId])).get(marker.envelope.eventId),
        {
          timeoutMs: 15_000,
        },
      )
    } finally {
      await consumer.stop()
    }

    expect((await effectCounts([event.envelope.eventId])).get(event.envelope.eventId)).toBe(1)
  }, 30_000)

  it('should apply every event once across a rebalance and a replay of the whole topic', async () => {
    const topic = `${fixture.prefix}rebalance`
    const groupId = `${fixture.prefix}rebalance-group`
    await createTopics([topic, `${topic}.dlq`], { partitions: 3 })
    const events = Array.from({ length: 60 }, (_, index) => batchCreated(randomUUID(), 1, `batch ${index}`))
    const ids = events.map((event) => event.envelope.eventId)
    const first = runner(topic, groupId)
    await first.start()
    await send(topic, events.slice(0, 30))

    // A second member joins: the group rebalances while messages are in flight.
    const second = runner(topic, groupId)
    await second.start()
    await send(topic, events.slice(30))
    await send(topic, events)

    try {
      await waitFor(async () => (await effectCounts(ids)).size === ids.length, { timeoutMs: 30_000 })
      await first.stop()
      // Replaying the topic from the start in a fresh member of the group changes nothing either.
      await send(topic, events)
      await waitFor(async () => {
        const { rows } = await fixture.pool.query(
          `select count(*)::int as n from processed_events where event_id = any($1::uuid[])`,
          [ids],
        )
        return rows[0].n === ids.length
      })
    } finally {
      await second.stop()
      await first.stop().catch(() => undefined)
    }

    const counts = await effectCounts(ids)
    expect([...counts.values()].every((count) => count === 1)).toBe(true)
    expect(counts.size).toBe(ids.length)
  }, 60_000)

  it('should dead-letter an undecodable message and a failing event with their reasons and go on', async () => {
    const topic = `${fixture.prefix}poison`
    const dlq = `${topic}.dlq`
    await createTopics([topic, dlq], { partitions: 1 })
    const poison = batchCreated(randomUUID(), 1, 'poison')
    const after = batchCreated(randomUUID(), 1, 'after the poison')
    const consumer = runner(topic, `${fixture.prefix}poison-group`)
    await consumer.start()

    const deadLetters: { value: Buffer | null; headers: Record<string, string> }[] = []
    const dlqReader = fixture.kafka.consumer({ groupId: `${fixture.prefix}dlq-reader`, maxWaitTimeInMs: 100 })
    await dlqReader.connect()
    await dlqReader.subscribe({ topic: dlq, fromBeginning: true })
    await dlqReader.run({
      eachMessage: async ({ message }) => {
        deadLetters.push({
          value: message.value,
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        })
      },
    })

    try {
      // An unhandled type is skipped on its header alone: its garbage body never reaches the decoder.
      await producer.send({
        topic,
        messages: [
          { key: 'x', value: Buffer.from('not avro either'), headers: { 'event-type': 'UserCreated' } },
        ],
      })
      await send(topic, [Buffer.from('definitely not avro'), poison, after])
      await waitFor(async () => (await effectCounts([after.envelope.eventId])).get(after.envelope.eventId), {
        timeoutMs: 15_000,
      })
      await waitFor(() => deadLetters.length >= 2, { timeoutMs: 10_000 })
    } finally {
      await consumer.stop()
      await dlqReader.disconnect()
    }

    expect(deadLetters.map((letter) => letter.headers['dlq-reason'])).toEqual([
      'undecodable',
      'handler-failed',
    ])
    expect(deadLetters[0]!.value?.toString()).toBe('definitely not avro')
    expect(deadLetters[1]!.headers['dlq-error']).toContain('cannot apply a poison batch')
    expect(deadLetters[1]!.headers['dlq-attempts']).toBe('3')
    expect(deadLetters[1]!.headers['dlq-source-topic']).toBe(topic)
    expect((await effectCounts([poison.envelope.eventId])).size).toBe(0)
  }, 40_000)
})
