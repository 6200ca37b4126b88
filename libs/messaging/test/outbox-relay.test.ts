import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'

import { withTransaction } from '@pay/db'
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace'
import { startTelemetry, withSpan, type Telemetry } from '@pay/telemetry'
import { createTopics, infra, waitFor } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { appendToOutbox, OutboxRelay } from '../src/index.ts'
import {
  batchCreated,
  collect,
  messagingFixture,
  silentLogger,
  type MessagingFixture,
} from './support/fixtures.ts'

const TOPIC = 'payments.requests.v1'
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'

describe('OutboxRelay', () => {
  let fixture: MessagingFixture
  let telemetry: Telemetry

  beforeAll(async () => {
    telemetry = await startTelemetry({ serviceName: 'relay-test', exporter: new InMemorySpanExporter() })
    fixture = await messagingFixture('relay')
    await createTopics([`${fixture.prefix}${TOPIC}`], { partitions: 3 })
  })

  afterAll(async () => {
    await fixture.close()
    await telemetry.shutdown()
  })

  it('should publish committed events and never those of a rolled-back transaction', async () => {
    const relay = new OutboxRelay({
      pool: fixture.pool,
      kafka: fixture.kafka,
      schema: fixture.schema.schema,
      topicPrefix: fixture.prefix,
      logger: silentLogger,
      pollIntervalMs: 5_000,
    })
    const reader = await collect(fixture.kafka, `${fixture.prefix}${TOPIC}`)
    relay.start()

    try {
      const committed = batchCreated(randomUUID(), 1, 'committed')
      const rolledBack = batchCreated(randomUUID(), 1, 'rolled back')
      const marker = batchCreated(randomUUID(), 1, 'after the rollback')

      // The request's trace travels with the event: stored with the outbox row, sent as a header.
      await withSpan('POST /batches', { parent: TRACEPARENT, kind: 'server' }, () =>
        withTransaction(fixture.pool, (client) => appendToOutbox(client, [committed])),
      )
      await expect(
        withTransaction(fixture.pool, async (client) => {
          await appendToOutbox(client, [rolledBack])
          throw new Error('the command failed')
        }),
      ).rejects.toThrow('the command failed')
      await withTransaction(fixture.pool, (client) => appendToOutbox(client, [marker]))

      // NOTIFY wakes the relay well before its 5 s poll.
      await waitFor(
        () => reader.messages.some((message) => message.event.envelope.eventId === marker.envelope.eventId),
        {
          timeoutMs: 4_000,
        },
      )
      const ids = reader.messages.map((message) => message.event.envelope.eventId)
      expect(ids).toContain(committed.envelope.eventId)
      expect(ids).not.toContain(rolledBack.envelope.eventId)

      const first = reader.messages.find(
        (message) => message.event.envelope.eventId === committed.envelope.eventId,
      )!
      expect(first.key).toBe(committed.envelope.aggregateId)
      expect(first.headers['event-type']).toBe('BatchCreated')
      expect(first.headers.traceparent?.split('-')[1]).toBe(TRACEPARENT.split('-')[1])
      expect(first.event).toEqual(committed)
    } finally {
      await relay.stop()
      await reader.stop()
    }
  })

  it('should deliver every event in per-key order when the relay is killed mid-batch and restarted', async () => {
    const keys = Array.from({ length: 12 }, () => randomUUID())
    const perKey = 150
    const events = Array.from({ length: perKey }, (_, version) =>
      keys.map((key) => batchCreated(key, version + 1)),
    ).flat()
    for (let start = 0; start < events.length; start += 600) {
      await withTransaction(fixture.pool, (client) =>
        appendToOutbox(client, events.slice(start, start + 600)),
      )
    }

    const reader = await collect(fixture.kafka, `${fixture.prefix}${TOPIC}`)
    const first = startRelayProcess(fixture)
    await waitFor(async () => (await publishedCount(fixture)) >= 200, { timeoutMs: 20_000 })
    first.kill('SIGKILL')
    await new Promise((resolve) => first.once('exit', resolve))
    const publishedBeforeKill = await publishedCount(fixture)

    const second = startRelayProcess(fixture)
    try {
      await waitFor(async () => (await unpublishedCount(fixture)) === 0, { timeoutMs: 30_000 })
      const expected = new Set(events.map((event) => event.envelope.eventId))
      await waitFor(
        () => {
          const seen = new Set(reader.messages.map((message) => message.event.envelope.eventId))
          return [...expected].every((id) => seen.has(id))
        },
        { timeoutMs: 20_000 },
      )
    } finally {
      second.kill('SIGTERM')
      await reader.stop()
    }

    expect(publishedBeforeKill).toBeLessThan(events.length)
    for (const key of keys) {
      const versions = reader.messages
        .filter((message) => message.key === key)
        .map((message) => Number(message.event.envelope.aggregateVersion))
      expect(new Set(versions).size, `every version of ${key} arrived`).toBe(perKey)
      expect(isOrderedAllowingReplays(versions), `versions of ${key} kept their order`).toBe(true)
    }
  }, 90_000)
})

/** In order, except that a replay may repeat a run of versions already delivered. */
function isOrderedAllowingReplays(versions: number[]): boolean {
  const seen = new Set<number>()
  let highest = 0

  for (const version of versions) {
    if (version > highest) {
      if (version !== highest + 1) {
        return false
      }
      highest = version
    } else if (!seen.has(version)) {
      return false
    }
    seen.add(version)
  }

  return true
}

async function publishedCount(fixture: MessagingFixture): Promise<number> {
  const { rows } = await fixture.pool.query(
    'select count(*)::int as n from outbox where published_at is not null',
  )
  return rows[0].n
}

async function unpublishedCount(fixture: MessagingFixture): Promise<number> {
  const { rows } = await fixture.pool.query(
    'select count(*)::int as n from outbox where published_at is null',
  )
  return rows[0].n
}

function startRelayProcess(fixture: MessagingFixture): ChildProcess {
  const script = fileURLToPath(new URL('./support/relay-process.ts', import.meta.url))

  return spawn(process.execPath, [script], {
    stdio: 'ignore',
    env: {
      ...process.env,
      RELAY_DATABASE_URL: fixture.schema.url,
      RELAY_SCHEMA: fixture.schema.schema,
      RELAY_BROKERS: infra().kafkaBrokers.join(','),
      RELAY_TOPIC_PREFIX: fixture.prefix,
    },
  })
}
