import { requestError } from '../errors.ts'
import type { LedgerFields } from './request-fields.ts'

/** One entity of the local master-data copy, as validation needs it. */
export interface MasterRecord {
  id: string
  name: string
  code: string | null
  active: boolean
  assignedSiteId: string | null
}

/** The names a ledger-driven request keeps, so later master-data changes do not rewrite history. */
export interface PayeeSnapshot {
  entityName: string
  siteCode: string
}

/**
 * Checks the payee and the site of a ledger-driven request against master data and takes the
 * snapshot: unknown or inactive entities are refused, and so is a subcontractor assigned to
 * another site than the one being paid for.
 */
export function snapshotPayee(
  fields: LedgerFields,
  found: { payee: MasterRecord | undefined; site: MasterRecord | undefined },
): PayeeSnapshot {
  const isVendor = fields.entityType === 'VENDOR'
  const payeePath = isVendor ? 'vendorId' : 'subcontractorId'
  const { payee, site } = found

  if (payee === undefined) {
    throw requestError(isVendor ? 'VENDOR_UNKNOWN' : 'SUBCONTRACTOR_UNKNOWN', undefined, {
      fields: [{ path: payeePath, message: 'unknown' }],
    })
  }

  if (!payee.active) {
    throw requestError(isVendor ? 'VENDOR_INACTIVE' : 'SUBCONTRACTOR_INACTIVE', undefined, {
      fields: [{ path: payeePath, message: 'inactive' }],
    })
  }

  if (site === undefined || site.code === null) {
    throw requestError('SITE_UNKNOWN', undefined, { fields: [{ path: 'siteId', message: 'unknown' }] })
  }

  if (!site.active) {
    throw requestError('SITE_INACTIVE', undefined, { fields: [{ path: 'siteId', message: 'inactive' }] })
  }

  if (!isVendor && payee.assignedSiteId !== null && payee.assignedSiteId !== site.id) {
    throw requestError('SITE_MISMATCH', undefined, {
      fields: [{ path: 'siteId', message: 'the subcontractor is assigned to another site' }],
    })
  }

  return { entityName: payee.name, siteCode: site.code }
}
