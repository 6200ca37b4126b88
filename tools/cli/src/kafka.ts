import { Kafka, logLevel, type Admin } from 'kafkajs'

export function kafkaClient(brokers: string[]): Kafka {
  return new Kafka({
    clientId: 'payctl',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 3, maxRetryTime: 2_000 },
  })
}

export async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    return await work(admin)
  } finally {
    await admin.disconnect()
  }
}

/** Dead-letter topics of the system are `<prefix>payments.dlq.<group>` (see @pay/messaging). */
export function deadLetterPrefix(topicPrefix: string): string {
  return `${topicPrefix}payments.dlq.`
}

/**
 * The consumer group that remembers which dead letters of a topic were replayed: its committed
 * offset is the first message not replayed yet.
 */
export function replayGroupOf(dlqTopic: string): string {
  return `payctl.replay.${dlqTopic}`
}

/** The first offset of each partition that is still waiting (not replayed), and the end. */
export interface PartitionBacklog {
  partition: number
  low: bigint
  high: bigint
  replayedUpTo: bigint
  pending: bigint
}

export async function deadLetterBacklog(admin: Admin, topic: string): Promise<PartitionBacklog[]> {
  const offsets = await admin.fetchTopicOffsets(topic)
  const [committed] = await admin.fetchOffsets({ groupId: replayGroupOf(topic), topics: [topic] })
  const replayed = new Map(
    (committed?.partitions ?? []).map((entry) => [entry.partition, BigInt(entry.offset)] as const),
  )

  return offsets.map((entry) => {
    const low = BigInt(entry.low)
    const high = BigInt(entry.high)
    const mark = replayed.get(entry.partition) ?? -1n
    const start = mark > low ? mark : low

    return {
      partition: entry.partition,
      low,
      high,
      replayedUpTo: start,
      pending: high > start ? high - start : 0n,
    }
  })
}

export async function deadLetterTopics(admin: Admin, topicPrefix: string): Promise<string[]> {
  const prefix = deadLetterPrefix(topicPrefix)
  const topics = await admin.listTopics()

  return topics.filter((topic) => topic.startsWith(prefix)).sort()
}
