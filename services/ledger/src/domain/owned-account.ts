import { expenseAccountOf, payableAccountOf, type AccountSpec } from './accounts.ts'
import type { MasterDataRecord } from './master-data.ts'

/**
 * The account an entity brings with it: a site its expense account, a vendor or subcontractor
 * its payable. Opened with the entity, renamed with it; other kinds have none.
 */
export function ownedAccountOf(record: MasterDataRecord): AccountSpec | undefined {
  const name = record.fields.name ?? record.id
  switch (record.kind) {
    case 'site':
      return expenseAccountOf({ id: record.id, code: record.fields.code ?? null })
    case 'vendor':
      return payableAccountOf({ type: 'VENDOR', id: record.id, name })
    case 'subcontractor':
      return payableAccountOf({ type: 'SUBCONTRACTOR', id: record.id, name })
    default:
      return undefined
  }
}
