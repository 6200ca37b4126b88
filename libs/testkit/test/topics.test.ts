import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTopics, infra, uniqueName } from '../src/index.ts'

describe('createTopics', () => {
  const admin = new Kafka({
    clientId: 'testkit-test',
    brokers: infra().kafkaBrokers,
    logLevel: logLevel.ERROR,
  }).admin()

  beforeAll(() => admin.connect())
  afterAll(() => admin.disconnect())

  it('should create every topic with the requested partitions', async () => {
    const names = [uniqueName('testkit_a'), uniqueName('testkit_b')]

    await createTopics(names, { partitions: 3 })

    const { topics } = await admin.fetchTopicMetadata({ topics: names })
    expect(topics.map((topic) => topic.partitions.length)).toEqual([3, 3])
  })

  it('should make a compacted topic when asked', async () => {
    const name = uniqueName('testkit_compacted')

    await createTopics([name], { compacted: true })

    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name, configNames: ['cleanup.policy'] }],
    })
    expect(resources[0]?.configEntries[0]?.configValue).toBe('compact')
  })
})
