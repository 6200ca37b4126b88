import { Kafka, logLevel, type Admin } from 'kafkajs'

/** The consumer groups of the product and what each reads (names without the run's prefix). */
export const subscriptions: Record<string, string[]> = {
  'approval.requests': ['payments.requests.v1'],
  audit: [
    'payments.identity.v1',
    'payments.requests.v1',
    'payments.approvals.v1',
    'payments.master-data.v1',
    'payments.journal.v1',
  ],
  'ledger.journal': ['payments.approvals.v1', 'payments.requests.v1'],
  'request.approvals': ['payments.approvals.v1'],
  'request.master-data': ['payments.master-data.v1'],
}

export interface GroupLag {
  group: string
  topic: string
  partition: number
  lag: number
}

export interface DeadLetters {
  topic: string
  messages: number
}

/** Read-only views of the run's topics and groups, over a short-lived admin connection. */
export class KafkaViews {
  readonly #admin: Admin
  readonly #prefix: string

  private constructor(admin: Admin, prefix: string) {
    this.#admin = admin
    this.#prefix = prefix
  }

  static async connect(brokers: string[], prefix: string): Promise<KafkaViews> {
    const kafka = new Kafka({ clientId: 'chaos-views', brokers, logLevel: logLevel.NOTHING })
    const admin = kafka.admin()
    await admin.connect()

    return new KafkaViews(admin, prefix)
  }

  async close(): Promise<void> {
    await this.#admin.disconnect()
  }

  /** Every partition whose group has not committed past the last message. */
  async lagging(): Promise<GroupLag[]> {
    const lagging: GroupLag[] = []
    for (const [group, topics] of Object.entries(subscriptions)) {
      const groupId = `${this.#prefix}${group}`
      const committed = await this.#admin.fetchOffsets({
        groupId,
        topics: topics.map((t) => this.#prefix + t),
      })
      for (const { topic, partitions } of committed) {
        const ends = await this.#admin.fetchTopicOffsets(topic)
        for (const { partition, offset } of partitions) {
          const high = Number(ends.find((end) => end.partition === partition)?.high ?? 0)
          const lag = high - Math.max(0, Number(offset))
          if (lag !== 0) lagging.push({ group, topic, partition, lag })
        }
      }
    }

    return lagging
  }

  /** Groups under the run's prefix that this file does not know: their lag would go unchecked. */
  async unknownGroups(): Promise<string[]> {
    const { groups } = await this.#admin.listGroups()

    return groups
      .map((group) => group.groupId)
      .filter((groupId) => groupId.startsWith(this.#prefix))
      .map((groupId) => groupId.slice(this.#prefix.length))
      .filter((group) => !(group in subscriptions))
  }

  /** Messages in each dead-letter topic of the run (the runtime names them `<prefix>payments.dlq.<group>`). */
  async deadLetters(): Promise<DeadLetters[]> {
    const existing = new Set(await this.#admin.listTopics())
    const counts: DeadLetters[] = []
    for (const group of Object.keys(subscriptions)) {
      const topic = `${this.#prefix}payments.dlq.${group}`
      if (!existing.has(topic)) continue

      const offsets = await this.#admin.fetchTopicOffsets(topic)
      const messages = offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0)
      counts.push({ topic, messages })
    }

    return counts
  }
}
