import { Kafka, logLevel } from 'kafkajs'
import { infra } from './infra.ts'

export interface TopicOptions {
  partitions?: number
  compacted?: boolean
}

/** Creates the topics and waits until each has a leader, so a test can produce right away. */
export async function createTopics(names: string[], options: TopicOptions = {}): Promise<void> {
  const kafka = new Kafka({
    clientId: 'pay-testkit',
    brokers: infra().kafkaBrokers,
    logLevel: logLevel.ERROR,
  })
  const admin = kafka.admin()
  await admin.connect()
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: names.map((topic) => ({
        topic,
        numPartitions: options.partitions ?? 1,
        replicationFactor: 1,
        configEntries: options.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
      })),
    })
  } finally {
    await admin.disconnect()
  }
}
