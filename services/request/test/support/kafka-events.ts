import { decodeEvent, encodeEvent, topicOf, type EventMessage, type EventType } from '@pay/contracts'
import { infra, uniqueName, waitFor } from '@pay/testkit'
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs'

function kafka(): Kafka {
  return new Kafka({
    clientId: uniqueName('request-tests'),
    brokers: infra().kafkaBrokers,
    logLevel: logLevel.NOTHING,
  })
}

/** Produces real encoded events to the prefixed topics, keyed by aggregate id as the relays do. */
export class EventProducer {
  readonly #producer: Producer = kafka().producer({ allowAutoTopicCreation: false })
  readonly #prefix: string

  constructor(prefix: string) {
    this.#prefix = prefix
  }

  async start(): Promise<this> {
    await this.#producer.connect()
    return this
  }

  async send(...events: EventMessage[]): Promise<void> {
    for (const event of events) {
      await this.#producer.send({
        topic: `${this.#prefix}${topicOf(event.envelope.eventType)}`,
        acks: -1,
        messages: [{ key: event.envelope.aggregateId, value: encodeEvent(event) }],
      })
    }
  }

  async stop(): Promise<void> {
    await this.#producer.disconnect()
  }
}

/** Everything published on one prefixed topic, decoded with the published schemas. */
export class PublishedEvents {
  readonly events: EventMessage[] = []
  readonly #consumer: Consumer = kafka().consumer({
    groupId: uniqueName('request-tests'),
    maxWaitTimeInMs: 100,
  })
  readonly #topic: string

  constructor(topic: string) {
    this.#topic = topic
  }

  async start(): Promise<this> {
    await this.#consumer.connect()
    await this.#consumer.subscribe({ topic: this.#topic, fromBeginning: true })
    await this.#consumer.run({
      eachMessage: async ({ message }) => {
        this.events.push(decodeEvent(message.value ?? Buffer.alloc(0)))
      },
    })
    return this
  }

  of<T extends EventType>(eventType: T, aggregateId?: string): EventMessage<T>[] {
    return this.events.filter(
      (event) =>
        event.envelope.eventType === eventType &&
        (aggregateId === undefined || event.envelope.aggregateId === aggregateId),
    ) as EventMessage<T>[]
  }

  async waitFor<T extends EventType>(
    eventType: T,
    aggregateId: string,
    count = 1,
  ): Promise<EventMessage<T>[]> {
    return waitFor(
      () => {
        const found = this.of(eventType, aggregateId)
        return found.length >= count ? found : undefined
      },
      { timeoutMs: 15_000, message: `${count} ${eventType} of ${aggregateId}` },
    )
  }

  async stop(): Promise<void> {
    await this.#consumer.disconnect()
  }
}
