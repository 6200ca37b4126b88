import { infra, waitFor } from '@pay/testkit'
import { Kafka, logLevel } from 'kafkajs'

export interface TopicToCreate {
  topic: string
  compacted?: boolean
}

/**
 * Creates topics and waits until the broker's metadata shows a leader for every partition. Under
 * load the broker may answer kafkajs's own wait-for-leaders with "unknown topic" right after
 * creating the topic, and kafkajs gives up on that; this keeps asking instead.
 */
export async function createSettledTopics(specs: TopicToCreate[], partitions: number): Promise<void> {
  const kafka = new Kafka({
    clientId: 'audit-test-admin',
    brokers: infra().kafkaBrokers,
    logLevel: logLevel.NOTHING,
  })
  const admin = kafka.admin()
  await admin.connect()

  try {
    await admin.createTopics({
      waitForLeaders: false,
      topics: specs.map(({ topic, compacted }) => ({
        topic,
        numPartitions: partitions,
        replicationFactor: 1,
        configEntries: compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
      })),
    })
    const names = specs.map((spec) => spec.topic)
    await waitFor(
      async () => {
        const { topics } = await admin.fetchTopicMetadata({ topics: names })
        return topics.every(
          (topic) =>
            topic.partitions.length === partitions &&
            topic.partitions.every((partition) => partition.leader >= 0),
        )
      },
      { timeoutMs: 20_000, message: 'topics have no leaders' },
    )
  } finally {
    await admin.disconnect()
  }
}
