import { Kafka, logLevel, type LogEntry } from 'kafkajs'
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
        kafkaLogger[levels[level] ?? 'info'](fields, message)
      },
  })
}

export interface TopicSpec {
  topic: string
  partitions?: number
  compacted?: boolean
}

/** Creates the topics that do not exist yet; existing ones are left as they are. */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[]): Promise<void> {
  const admin = kafka.admin()
  await admin.connect()

  try {
    const existing = new Set(await admin.listTopics())
    const missing = specs.filter((spec) => !existing.has(spec.topic))
    if (missing.length === 0) {
      return
    }

    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.partitions ?? 3,
        replicationFactor: -1,
        configEntries: spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
      })),
    })
  } finally {
    await admin.disconnect()
  }
}
