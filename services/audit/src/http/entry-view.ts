import type { AuditEntry } from '../domain/audit-record.ts'

/** An audit entry as the API shows it: 64-bit numbers that cannot exceed 2^53 as numbers, the offset as Kafka writes it. */
export function entryView(entry: AuditEntry) {
  return {
    sequence: Number(entry.sequence),
    eventId: entry.eventId,
    eventType: entry.eventType,
    entityType: entry.entityType,
    entityId: entry.entityId,
    entityVersion: Number(entry.entityVersion),
    actorId: entry.actorId,
    correlationId: entry.correlationId,
    causationId: entry.causationId,
    traceId: entry.traceId,
    previousState: entry.previousState,
    newState: entry.newState,
    occurredAt: entry.occurredAt.toISOString(),
    recordedAt: entry.recordedAt.toISOString(),
    source: {
      topic: entry.sourceTopic,
      partition: entry.sourcePartition,
      offset: entry.sourceOffset.toString(),
    },
    payload: entry.payload,
    prevHash: entry.prevHash,
    hash: entry.hash,
  }
}
