import { randomBytes } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
import { describe, expect, inject, it } from 'vitest'

describe('kafka broker', () => {
  it('should deliver a produced message to a consumer group', async () => {
    const topic = `infra_round_trip_${randomBytes(4).toString('hex')}`
    const kafka = new Kafka({
      clientId: 'infra-test',
      brokers: inject('infra').kafkaBrokers,
      logLevel: logLevel.ERROR,
    })
    const admin = kafka.admin()
    const producer = kafka.producer()
    const consumer = kafka.consumer({ groupId: `${topic}_group`, maxWaitTimeInMs: 100 })
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true })
    await admin.disconnect()

    try {
      await producer.connect()
      await producer.send({ topic, messages: [{ key: 'k1', value: 'hello' }] })
      await consumer.connect()
      await consumer.subscribe({ topic, fromBeginning: true })
      const received = new Promise<{ key: string; value: string }>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => {
            resolve({ key: String(message.key), value: String(message.value) })
          },
        })
      })

      await expect(received).resolves.toEqual({ key: 'k1', value: 'hello' })
    } finally {
      await consumer.disconnect()
      await producer.disconnect()
    }
  })

  it('should commit a transactional produce on a single node', async () => {
    const topic = `infra_transaction_${randomBytes(4).toString('hex')}`
    const kafka = new Kafka({
      clientId: 'infra-test',
      brokers: inject('infra').kafkaBrokers,
      logLevel: logLevel.ERROR,
    })
    const producer = kafka.producer({ transactionalId: topic, idempotent: true, maxInFlightRequests: 1 })
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true })

    try {
      await producer.connect()
      const transaction = await producer.transaction()
      await transaction.send({ topic, messages: [{ value: 'committed' }] })
      await transaction.commit()

      // EndTxn answers before the commit marker is written; the stable offset follows a moment later.
      // The marker takes an offset too, so the committed message ends at offset 2.
      await expect
        .poll(async () => Number((await admin.fetchTopicOffsets(topic))[0]?.high), { timeout: 10_000 })
        .toBe(2)
    } finally {
      await producer.disconnect()
      await admin.disconnect()
    }
  })
})
