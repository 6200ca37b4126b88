import type { JsonObject, JsonValue } from './json-value.ts'

/** What the audit keeps of one event, before it takes its place in the chain. */
export interface AuditRecord {
  /** Lowercase uuid. */
  eventId: string
  eventType: string
  /** The envelope's aggregate type and id. */
  entityType: string
  entityId: string
  entityVersion: bigint
  /** Null when the system caused the event. */
  actorId: string | null
  correlationId: string | null
  causationId: string | null
  /** From the message's W3C `traceparent` header. */
  traceId: string | null
  previousState: JsonObject | null
  newState: JsonObject | null
  /** Whole milliseconds, like every time the chain hashes. */
  occurredAt: Date
  recordedAt: Date
  sourceTopic: string
  sourcePartition: number
  sourceOffset: bigint
  payload: JsonValue
}

/** A record in the chain: number `sequence` (1, 2, 3… without gaps), linked to its predecessor. */
export interface AuditEntry extends AuditRecord {
  sequence: bigint
  /** The predecessor's `hash`; the genesis hash for sequence 1. */
  prevHash: string
  /** Lowercase hex SHA-256 of `prevHash` followed by the canonical row. */
  hash: string
}
