import type { Pool } from '@pay/db'

import type { AuditEntry } from '../domain/audit-record.ts'
import { ENTRY_COLUMNS, entryOf, type EntryRow } from './entry-row.ts'

export interface EntryFilter {
  entityType?: string
  entityId?: string
  actorId?: string
  eventType?: string
  /** Inclusive. */
  from?: Date
  /** Exclusive. */
  to?: Date
}

/** Where the previous page ended: lists run newest first by occurrence, then by sequence. */
export interface ListPosition {
  occurredAt: Date
  sequence: bigint
}

/** Up to `limit` entries matching every given filter, newest first, after `position` if given. */
export async function listEntries(
  pool: Pool,
  filter: EntryFilter,
  limit: number,
  position?: ListPosition,
): Promise<AuditEntry[]> {
  const values: unknown[] = []
  const parameter = (value: unknown) => {
    values.push(value)
    return `$${values.length}`
  }
  const conditions = [
    filter.entityType === undefined ? '' : `entity_type = ${parameter(filter.entityType)}`,
    filter.entityId === undefined ? '' : `entity_id = ${parameter(filter.entityId)}`,
    filter.actorId === undefined ? '' : `actor_id = ${parameter(filter.actorId)}`,
    filter.eventType === undefined ? '' : `event_type = ${parameter(filter.eventType)}`,
    filter.from === undefined ? '' : `occurred_at >= ${parameter(filter.from)}`,
    filter.to === undefined ? '' : `occurred_at < ${parameter(filter.to)}`,
    position === undefined
      ? ''
      : `(occurred_at, sequence) < (${parameter(position.occurredAt)}, ${parameter(position.sequence)})`,
  ].filter((condition) => condition !== '')

  const { rows } = await pool.query<EntryRow>(
    `select ${ENTRY_COLUMNS} from audit_log
     ${conditions.length === 0 ? '' : `where ${conditions.join(' and ')}`}
     order by occurred_at desc, sequence desc
     limit ${parameter(limit)}`,
    values,
  )

  return rows.map(entryOf)
}
