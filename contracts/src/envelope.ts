import { randomUUID } from 'node:crypto'

import type { EventType } from './topics.ts'

/** What every event carries besides its payload (record `com.payments.Envelope`). */
export interface Envelope {
  /** Unique per event; consumers deduplicate on it. */
  eventId: string
  eventType: EventType
  occurredAt: Date
  /** Kind of entity the event belongs to, e.g. `PaymentRequest`. */
  aggregateType: string
  /** Id of that entity; also the Kafka key. */
  aggregateId: string
  /** Version of the entity after the change. */
  aggregateVersion: bigint
  /** The user who caused the event; null when the system did. */
  actorId: string | null
  /** Id of the HTTP request the event stems from. */
  correlationId: string | null
  /** Id of the event that caused this one. */
  causationId: string | null
}

export interface NewEnvelope<T extends EventType> {
  eventType: T
  aggregateType: string
  aggregateId: string
  aggregateVersion: bigint | number
  actorId?: string | null
  correlationId?: string | null
  causationId?: string | null
}

/** Where ids and time come from; tests pass fixed ones. */
export interface EnvelopeSources {
  now?: () => Date
  newId?: () => string
}

/** An envelope with a fresh uuid and the current time. */
export function newEnvelope<T extends EventType>(
  fields: NewEnvelope<T>,
  { now = () => new Date(), newId = randomUUID }: EnvelopeSources = {},
): Envelope & { eventType: T } {
  return {
    eventId: newId(),
    eventType: fields.eventType,
    occurredAt: now(),
    aggregateType: fields.aggregateType,
    aggregateId: fields.aggregateId,
    aggregateVersion: BigInt(fields.aggregateVersion),
    actorId: fields.actorId ?? null,
    correlationId: fields.correlationId ?? null,
    causationId: fields.causationId ?? null,
  }
}
