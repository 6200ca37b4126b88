import { randomUUID } from 'node:crypto'

import { decodeEvent } from '@pay/contracts'
import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs'

import { deadLetterBacklog, deadLetterTopics, replayGroupOf, withAdmin } from './kafka.ts'

export interface DeadLetter {
  topic: string
  partition: number
  offset: string
  key: string | null
  /** The `dlq-*` headers the consumer wrote: reason, error, source topic, partition and offset… */
  headers: Record<string, string>
  event: { eventType: string; eventId: string; aggregateId: string } | null
  replayed: boolean
}

interface StoredMessage {
  partition: number
  message: KafkaMessage
}

/** Every message of the dead-letter topics (all of the system's, or the one given). */
export async function listDeadLetters(
  kafka: Kafka,
  topicPrefix: string,
  topic?: string,
): Promise<DeadLetter[]> {
  const topics =
    topic === undefined ? await withAdmin(kafka, (admin) => deadLetterTopics(admin, topicPrefix)) : [topic]
  const letters: DeadLetter[] = []

  for (const name of topics) {
    const backlog = await withAdmin(kafka, (admin) => deadLetterBacklog(admin, name))
    const replayedUpTo = new Map(backlog.map((entry) => [entry.partition, entry.replayedUpTo]))
    for (const { partition, message } of await readTopic(kafka, name)) {
      letters.push({
        topic: name,
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        headers: dlqHeaders(message.headers),
        event: eventOf(message.value),
        replayed: BigInt(message.offset) < (replayedUpTo.get(partition) ?? 0n),
      })
    }
  }

  return letters
}

export interface ReplayOptions {
  topic: string
  /** Replay the pending messages of the partition up to and including this offset; all without. */
  throughOffset?: bigint
  partition?: number
}

export interface ReplayOutcome {
  replayed: { partition: number; offset: string; sourceTopic: string; eventId: string | null }[]
  /** Messages that were already replayed by an earlier run and were left alone. */
  alreadyReplayed: number
}

/**
 * Republishes dead letters to the topic they came from (`dlq-source-topic`), with their key and
 * value, and advances the DLQ's replay group past each one as soon as it is sent, so a second
 * replay skips it. Replays go in offset order: the group's offset is the first message not
 * replayed. A crash between sending and recording re-sends one message at the next run, which the
 * consumers' dedup by event id absorbs. One replay at a time per topic.
 */
export async function replayDeadLetters(kafka: Kafka, options: ReplayOptions): Promise<ReplayOutcome> {
  const backlog = await withAdmin(kafka, (admin) => deadLetterBacklog(admin, options.topic))
  const marks = new Map(backlog.map((entry) => [entry.partition, entry.replayedUpTo]))
  const messages = (await readTopic(kafka, options.topic)).filter(
    (stored) => options.partition === undefined || stored.partition === options.partition,
  )
  const outcome: ReplayOutcome = { replayed: [], alreadyReplayed: 0 }
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  const admin = kafka.admin()
  await admin.connect()

  try {
    for (const { partition, message } of messages) {
      const offset = BigInt(message.offset)
      if (offset < (marks.get(partition) ?? 0n)) {
        outcome.alreadyReplayed += 1
        continue
      }
      if (options.throughOffset !== undefined && offset > options.throughOffset) {
        continue
      }

      const headers = message.headers ?? {}
      const sourceTopic = headerText(headers['dlq-source-topic'])
      if (sourceTopic === undefined) {
        throw new Error(`${options.topic}:${partition}@${offset} has no dlq-source-topic header`)
      }

      await producer.send({
        topic: sourceTopic,
        acks: -1,
        messages: [
          {
            key: message.key,
            value: message.value,
            headers: {
              ...originalHeaders(headers),
              'dlq-replayed-from': `${options.topic}:${partition}:${offset}`,
            },
          },
        ],
      })
      await admin.setOffsets({
        groupId: replayGroupOf(options.topic),
        topic: options.topic,
        partitions: [{ partition, offset: String(offset + 1n) }],
      })
      marks.set(partition, offset + 1n)
      outcome.replayed.push({
        partition,
        offset: message.offset,
        sourceTopic,
        eventId: eventOf(message.value)?.eventId ?? null,
      })
    }
  } finally {
    await producer.disconnect()
    await admin.disconnect()
  }

  return outcome
}

/** Reads a topic from its first retained message to its current end, with a throw-away group. */
async function readTopic(kafka: Kafka, topic: string, timeoutMs = 20_000): Promise<StoredMessage[]> {
  const offsets = await withAdmin(kafka, (admin) => admin.fetchTopicOffsets(topic))
  const remaining = new Map(
    offsets
      .filter((entry) => BigInt(entry.high) > BigInt(entry.low))
      .map((entry) => [entry.partition, BigInt(entry.high) - 1n]),
  )
  if (remaining.size === 0) {
    return []
  }

  const groupId = `payctl.read.${randomUUID()}`
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false })
  const stored: StoredMessage[] = []
  let finish: () => void = () => undefined
  const done = new Promise<void>((resolve) => (finish = resolve))

  await consumer.connect()
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true })
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const last = remaining.get(partition)
        if (last === undefined || BigInt(message.offset) > last) {
          return
        }

        stored.push({ partition, message })
        if (BigInt(message.offset) === last) {
          remaining.delete(partition)
          if (remaining.size === 0) finish()
        }
      },
    })
    const timer = setTimeout(finish, timeoutMs)
    await done
    clearTimeout(timer)
  } finally {
    await consumer.disconnect()
    await withAdmin(kafka, (admin) => admin.deleteGroups([groupId])).catch(() => undefined)
  }
  if (remaining.size > 0) {
    throw new Error(`could not read ${topic} to its end within ${timeoutMs} ms`)
  }

  return stored.sort((a, b) =>
    a.partition === b.partition
      ? Number(BigInt(a.message.offset) - BigInt(b.message.offset))
      : a.partition - b.partition,
  )
}

function eventOf(value: Buffer | null): DeadLetter['event'] {
  if (value === null) {
    return null
  }

  try {
    const { envelope } = decodeEvent(value)

    return { eventType: envelope.eventType, eventId: envelope.eventId, aggregateId: envelope.aggregateId }
  } catch {
    return null
  }
}

function dlqHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {})
      .filter(([name]) => name.startsWith('dlq-'))
      .map(([name, value]) => [name, headerText(value) ?? '']),
  )
}

/** The headers the message had before it was dead-lettered (e.g. its traceparent). */
function originalHeaders(headers: IHeaders): IHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('dlq-')))
}

function headerText(value: IHeaders[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value

  return first === undefined ? undefined : first.toString()
}
