import { Counter, Gauge, register as defaultRegister, type Registry } from 'prom-client'

export interface MessagingMetrics {
  outboxBacklog: Gauge<'schema'>
  outboxOldestAgeSeconds: Gauge<'schema'>
  outboxPublished: Counter<'schema' | 'topic'>
  consumerProcessed: Counter<'group' | 'topic' | 'outcome'>
  consumerLag: Gauge<'group' | 'topic' | 'partition'>
  deadLettered: Counter<'group' | 'topic'>
}

const byRegistry = new WeakMap<Registry, MessagingMetrics>()

/** One set of metrics per registry, so a relay and consumers of one process share them. */
export function messagingMetrics(registry: Registry = defaultRegister): MessagingMetrics {
  const known = byRegistry.get(registry)
  if (known !== undefined) {
    return known
  }

  const registers = [registry]
  const metrics: MessagingMetrics = {
    outboxBacklog: new Gauge({
      name: 'outbox_backlog',
      help: 'Events written to the outbox and not yet published',
      labelNames: ['schema'],
      registers,
    }),
    outboxOldestAgeSeconds: new Gauge({
      name: 'outbox_lag_seconds',
      help: 'Age of the oldest unpublished outbox event',
      labelNames: ['schema'],
      registers,
    }),
    outboxPublished: new Counter({
      name: 'outbox_published_total',
      help: 'Events the relay published to Kafka',
      labelNames: ['schema', 'topic'],
      registers,
    }),
    consumerProcessed: new Counter({
      name: 'consumer_messages_total',
      help: 'Messages a consumer finished, by outcome (applied, duplicate, ignored, dead_lettered)',
      labelNames: ['group', 'topic', 'outcome'],
      registers,
    }),
    consumerLag: new Gauge({
      name: 'consumer_lag',
      help: 'Messages between the last one a consumer finished and the end of the partition',
      labelNames: ['group', 'topic', 'partition'],
      registers,
    }),
    deadLettered: new Counter({
      name: 'dlq_messages_total',
      help: 'Messages a consumer sent to its dead-letter topic',
      labelNames: ['group', 'topic'],
      registers,
    }),
  }
  byRegistry.set(registry, metrics)

  return metrics
}
