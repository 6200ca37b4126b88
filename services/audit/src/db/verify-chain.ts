import type { Pool } from '@pay/db'

import type { AuditEntry } from '../domain/audit-record.ts'
import { ChainVerification, type ChainReport } from '../domain/chain-verification.ts'
import { chainPage } from './chain-page.ts'

/**
 * Checks the chain as it stands when the check starts, page by page in sequence order (each page
 * an index range scan on the primary key), stopping at the first broken link. The next page is
 * already being read while one is hashed. Entries appended meanwhile are left for the next check,
 * so a busy audit log cannot keep it running.
 */
export async function verifyChain(pool: Pool, options: { pageSize: number }): Promise<ChainReport> {
  const head = await pool.query<{ last: bigint | null }>('select max(sequence) as last from audit_log')
  const last = head.rows[0]?.last ?? 0n
  const verification = new ChainVerification()
  const pageAfter = (sequence: bigint): Promise<AuditEntry[]> =>
    sequence < last ? chainPage(pool, sequence, last, options.pageSize) : Promise.resolve([])

  let next = pageAfter(0n)
  for (;;) {
    const page = await next
    const end = page.at(-1)
    if (end === undefined) {
      break
    }

    next = pageAfter(end.sequence)
    if (!verification.check(page)) {
      // The page read ahead is no longer needed; its outcome must not surface as unhandled.
      await next.catch(() => undefined)
      break
    }
  }

  return verification.report()
}
