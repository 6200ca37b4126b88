import type { PoolClient } from '@pay/db'

import type { AuditEntry, AuditRecord } from '../domain/audit-record.ts'
import { appendToChain, type ChainLink } from '../domain/hash-chain.ts'

/**
 * Appends a record to the chain inside the caller's transaction; undefined when its event is
 * already recorded. A transaction-level advisory lock makes this the only writer until commit, so
 * the chain's last link read here is still the last one when the new row lands: sequences stay
 * gap-free and every row links to its true predecessor, however many consumers run. The lock is
 * keyed by the table's oid (two-key form, apart from the single-key locks other code takes), so
 * audit tables of other schemas do not wait on each other.
 */
export async function appendEntry(client: PoolClient, record: AuditRecord): Promise<AuditEntry | undefined> {
  await client.query(`select pg_advisory_xact_lock(hashtext('audit_log'), 'audit_log'::regclass::oid::int)`)

  const recorded = await client.query('select 1 from audit_log where event_id = $1', [record.eventId])
  if (recorded.rowCount !== 0) {
    return undefined
  }

  const last = await client.query<ChainLink>(
    'select sequence, hash from audit_log order by sequence desc limit 1',
  )
  const entry = appendToChain(record, last.rows[0])
  await client.query(
    `insert into audit_log (
       sequence, event_id, event_type, entity_type, entity_id, entity_version, actor_id, correlation_id,
       causation_id, trace_id, previous_state, new_state, occurred_at, recorded_at, source_topic,
       source_partition, source_offset, payload, prev_hash, hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::json, $12::json, $13, $14, $15, $16, $17,
       $18::json, $19, $20)`,
    [
      entry.sequence,
      entry.eventId,
      entry.eventType,
      entry.entityType,
      entry.entityId,
      entry.entityVersion,
      entry.actorId,
      entry.correlationId,
      entry.causationId,
      entry.traceId,
      jsonOrNull(entry.previousState),
      jsonOrNull(entry.newState),
      entry.occurredAt,
      entry.recordedAt,
      entry.sourceTopic,
      entry.sourcePartition,
      entry.sourceOffset,
      JSON.stringify(entry.payload),
      entry.prevHash,
      entry.hash,
    ],
  )

  return entry
}

function jsonOrNull(value: object | null): string | null {
  return value === null ? null : JSON.stringify(value)
}
