import { setTimeout } from 'node:timers/promises'

import { Kafka, logLevel, type Admin, type LogEntry } from 'kafkajs'
import type { Logger } from '@pay/logging'

export interface KafkaOptions {
  clientId: string
  brokers: string[]
  logger: Logger
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
}

// kafkajs warns on every idempotent producer with bounded retries. Bounded is deliberate here: the
// relay backs off and re-sends from the outbox, and consumers deduplicate, so nothing relies on
// the producer retrying forever.
const BOUNDED_RETRIES_WARNING = 'Limiting retries for the idempotent producer may invalidate EoS guarantees'

/** A kafkajs client whose own logs go through the service's pino logger. */
export function createKafka(options: KafkaOptions): Kafka {
  const kafkaLogger = options.logger.child({ component: 'kafka' })

  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5_000 },
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...fields } = log
        kafkaLogger[message === BOUNDED_RETRIES_WARNING ? 'debug' : (levels[level] ?? 'info')](
          fields,
          message,
        )
      },
  })
}

export interface TopicSpec {
  topic: string
  partitions?: number
  compacted?: boolean
}

/**
 * Creates the topics that do not exist yet (existing ones are left as they are) and waits until
 * every partition has a leader: a broker under load can report a topic created before it can
 * serve it, and a consumer subscribing then fails. Safe to run from several services at once.
 */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[], timeoutMs = 30_000): Promise<void> {
  if (specs.length === 0) {
    return
  }

  const admin = kafka.admin()
  await admin.connect()
  const deadline = Date.now() + timeoutMs

  try {
    for (;;) {
      let lastError: unknown
      try {
        if (await createMissing(admin, specs)) {
          return
        }
      } catch (error) {
        lastError = error
      }

      if (Date.now() > deadline) {
        throw new Error(`topics ${specs.map((spec) => spec.topic).join(', ')} are not ready`, {
          cause: lastError,
        })
      }
      await setTimeout(200)
    }
  } finally {
    await admin.disconnect()
  }
}

async function createMissing(admin: Admin, specs: TopicSpec[]): Promise<boolean> {
  const existing = new Set(await admin.listTopics())
  const missing = specs.filter((spec) => !existing.has(spec.topic))
  if (missing.length > 0) {
    await admin.createTopics({
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.partitions ?? 3,
        replicationFactor: -1,
        configEntries: spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
      })),
    })
  }

  const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((spec) => spec.topic) })
  return topics.every(
    (topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
  )
}
