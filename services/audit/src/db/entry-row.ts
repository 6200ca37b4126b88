import type { AuditEntry } from '../domain/audit-record.ts'
import type { JsonObject, JsonValue } from '../domain/json-value.ts'

/** The columns of an audit row, in the order the queries select them. */
export const ENTRY_COLUMNS = `sequence, event_id, event_type, entity_type, entity_id, entity_version, actor_id,
  correlation_id, causation_id, trace_id, previous_state, new_state, occurred_at, recorded_at,
  source_topic, source_partition, source_offset, payload, prev_hash, hash`

export interface EntryRow {
  sequence: bigint
  event_id: string
  event_type: string
  entity_type: string
  entity_id: string
  entity_version: bigint
  actor_id: string | null
  correlation_id: string | null
  causation_id: string | null
  trace_id: string | null
  previous_state: JsonObject | null
  new_state: JsonObject | null
  occurred_at: Date
  recorded_at: Date
  source_topic: string
  source_partition: number
  source_offset: bigint
  payload: JsonValue
  prev_hash: string
  hash: string
}

export function entryOf(row: EntryRow): AuditEntry {
  return {
    sequence: row.sequence,
    eventId: row.event_id,
    eventType: row.event_type,
    entityType: row.entity_type,
    entityId: row.entity_id,
    entityVersion: row.entity_version,
    actorId: row.actor_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    traceId: row.trace_id,
    previousState: row.previous_state,
    newState: row.new_state,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    sourceTopic: row.source_topic,
    sourcePartition: row.source_partition,
    sourceOffset: row.source_offset,
    payload: row.payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}
