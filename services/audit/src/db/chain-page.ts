import type { Pool } from '@pay/db'

import type { AuditEntry } from '../domain/audit-record.ts'
import { ENTRY_COLUMNS, entryOf, type EntryRow } from './entry-row.ts'

/** Up to `limit` entries with `after < sequence <= upTo`, in sequence order (keyset on the primary key). */
export async function chainPage(
  pool: Pool,
  after: bigint,
  upTo: bigint,
  limit: number,
): Promise<AuditEntry[]> {
  const { rows } = await pool.query<EntryRow>(
    `select ${ENTRY_COLUMNS} from audit_log where sequence > $1 and sequence <= $2 order by sequence limit $3`,
    [after, upTo, limit],
  )

  return rows.map(entryOf)
}
