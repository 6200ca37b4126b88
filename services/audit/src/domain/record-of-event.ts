import type { EventMessage } from '@pay/contracts'

import type { AuditRecord } from './audit-record.ts'
import { toJsonValue } from './json-value.ts'
import { stateChangeOf } from './state-change.ts'
import { traceIdOf } from './trace-context.ts'

/** Where the consumer read the event. */
export interface Delivery {
  topic: string
  partition: number
  offset: string
  traceparent: string | undefined
}

/** The audit record of a decoded event, recorded at `recordedAt` (truncated to whole milliseconds). */
export function auditRecordOf(event: EventMessage, delivery: Delivery, recordedAt: Date): AuditRecord {
  const { envelope } = event
  const { previous, current } = stateChangeOf(event)

  return {
    // The database hands uuids back in lowercase; hashing the same spelling keeps the chain verifiable.
    eventId: envelope.eventId.toLowerCase(),
    eventType: envelope.eventType,
    entityType: envelope.aggregateType,
    entityId: envelope.aggregateId,
    entityVersion: envelope.aggregateVersion,
    actorId: envelope.actorId,
    correlationId: envelope.correlationId,
    causationId: envelope.causationId,
    traceId: traceIdOf(delivery.traceparent),
    previousState: previous,
    newState: current,
    occurredAt: new Date(envelope.occurredAt.getTime()),
    recordedAt: new Date(Math.trunc(recordedAt.getTime())),
    sourceTopic: delivery.topic,
    sourcePartition: delivery.partition,
    sourceOffset: BigInt(delivery.offset),
    payload: toJsonValue(event.payload),
  }
}
