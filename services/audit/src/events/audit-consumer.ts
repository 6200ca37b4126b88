import { eventTypesOf, topics } from '@pay/contracts'
import type { EventHandlers } from '@pay/messaging'
import type { ConsumerSpec } from '@pay/runtime'

import { recordEvent } from './record-event.ts'

/** Every topic of the product: the audit keeps all of them. */
export const auditedTopics: string[] = Object.values(topics)

export const AUDIT_GROUP_ID = 'audit'

/** One consumer group over every topic, with the same recording handler for each event type. */
export function auditConsumer(now?: () => Date): ConsumerSpec {
  const record = recordEvent(now)
  const handlers: EventHandlers = Object.fromEntries(
    auditedTopics.flatMap(eventTypesOf).map((eventType) => [eventType, record]),
  )

  return { groupId: AUDIT_GROUP_ID, topics: auditedTopics, handlers }
}
