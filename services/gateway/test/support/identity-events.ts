import { decodeEvent, topics, type EventMessage } from '@pay/contracts'
import { infra, uniqueName } from '@pay/testkit'
import { Kafka, logLevel } from 'kafkajs'

/** Everything the gateway publishes on its (prefixed) identity topic, collected as it arrives. */
export async function collectIdentityEvents(topicPrefix: string) {
  const kafka = new Kafka({
    clientId: 'gateway-test',
    brokers: infra().kafkaBrokers,
    logLevel: logLevel.NOTHING,
  })
  const consumer = kafka.consumer({ groupId: uniqueName('gw_test') })
  const events: EventMessage[] = []
  await consumer.connect()
  await consumer.subscribe({ topic: `${topicPrefix}${topics.identity}`, fromBeginning: true })
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (message.value !== null) {
        events.push(decodeEvent(message.value))
      }
    },
  })

  return { events, stop: () => consumer.disconnect() }
}
