import { deadLetterBacklog, deadLetterTopics, kafkaClient, withAdmin } from '../kafka.ts'
import { resultOf, skipped, type CheckContext, type CheckResult, type Violation } from './types.ts'

/** Dead letters not replayed yet: each is an event some consumer never applied. */
export async function checkDeadLetters(context: CheckContext): Promise<CheckResult> {
  const name = 'dlq-empty'
  if (context.kafkaBrokers.length === 0) {
    return skipped(name, 'no Kafka brokers given')
  }

  const violations: Violation[] = []
  await withAdmin(kafkaClient(context.kafkaBrokers), async (admin) => {
    for (const topic of await deadLetterTopics(admin, context.topicPrefix)) {
      for (const partition of await deadLetterBacklog(admin, topic)) {
        if (partition.pending > 0n) {
          violations.push({
            message: `${partition.pending} dead letters not replayed`,
            ids: {
              topic,
              partition: String(partition.partition),
              fromOffset: String(partition.replayedUpTo),
              toOffset: String(partition.high - 1n),
            },
          })
        }
      }
    }
  })

  return resultOf(name, violations)
}
