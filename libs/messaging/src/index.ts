export { createKafka, ensureTopics, type KafkaOptions, type TopicSpec } from './kafka.ts'
export { appendToOutbox, outboxChannel } from './outbox.ts'
export { OutboxRelay, type OutboxRelayOptions } from './relay.ts'
export {
  ConsumerRunner,
  deadLetterTopic,
  type ConsumerOptions,
  type EventHandler,
  type EventHandlers,
  type HandlerContext,
} from './consumer.ts'
export { messagingMetrics, type MessagingMetrics } from './metrics.ts'
export { migrateMessaging } from './migrations.ts'
