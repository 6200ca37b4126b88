import type { ApprovalItem, ItemStatus } from '../domain/approval-item.ts'
import type { Queryable } from './queryable.ts'

interface ItemRow {
  request_id: string
  batch_id: string
  created_by: string
  kind: string
  payee_name: string
  beneficiary_name: string | null
  beneficiary_account: string | null
  purpose: string | null
  entity_type: string | null
  vendor_id: string | null
  subcontractor_id: string | null
  site_id: string | null
  site_code: string | null
  extra_reason: string | null
  base_amount: bigint
  extra_amount: bigint
  total_amount: bigint
  currency: string
  required_approvals: number
  policy_threshold: bigint | null
  status: ItemStatus
  version: bigint
  queued_at: Date
  closed_at: Date | null
}

const COLUMNS = `request_id, batch_id, created_by, kind, payee_name, beneficiary_name, beneficiary_account,
  purpose, entity_type, vendor_id, subcontractor_id, site_id, site_code, extra_reason, base_amount,
  extra_amount, total_amount, currency, required_approvals, policy_threshold, status, version, queued_at,
  closed_at`

/** Queues an item unless its request is already known; true when this call added it. */
export async function insertItem(db: Queryable, item: ApprovalItem): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into approval_items (${COLUMNS})
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
             $22, $23, $24)
     on conflict (request_id) do nothing`,
    [
      item.requestId,
      item.batchId,
      item.createdBy,
      item.kind,
      item.payeeName,
      item.beneficiaryName,
      item.beneficiaryAccount,
      item.purpose,
      item.entityType,
      item.vendorId,
      item.subcontractorId,
      item.siteId,
      item.siteCode,
      item.extraReason,
      item.baseAmount,
      item.extraAmount,
      item.totalAmount,
      item.currency,
      item.requiredApprovals,
      item.policyThreshold,
      item.status,
      item.version,
      item.queuedAt,
      item.closedAt,
    ],
  )

  return rowCount === 1
}

export async function findItem(db: Queryable, requestId: string): Promise<ApprovalItem | undefined> {
  const { rows } = await db.query<ItemRow>(`select ${COLUMNS} from approval_items where request_id = $1`, [
    requestId,
  ])

  return rows[0] === undefined ? undefined : toItem(rows[0])
}

/** Locks the item until the transaction ends: concurrent decisions on one request queue up here. */
export async function lockItem(db: Queryable, requestId: string): Promise<ApprovalItem | undefined> {
  const { rows } = await db.query<ItemRow>(
    `select ${COLUMNS} from approval_items where request_id = $1 for update`,
    [requestId],
  )

  return rows[0] === undefined ? undefined : toItem(rows[0])
}

/** Moves a locked item to its new status and returns its new version. */
export async function updateItemStatus(
  db: Queryable,
  item: Pick<ApprovalItem, 'requestId' | 'version'>,
  status: ItemStatus,
): Promise<bigint> {
  const { rows } = await db.query<{ version: bigint }>(
    `update approval_items set status = $3, version = version + 1
      where request_id = $1 and version = $2
     returning version`,
    [item.requestId, item.version, status],
  )
  if (rows[0] === undefined) {
    // The caller holds the row lock, so the version cannot have moved; reaching here is a bug.
    throw new Error(`approval item ${item.requestId} changed while locked`)
  }

  return rows[0].version
}

/**
 * Closes the undecided items of a cancelled batch, locking them in request id order like every
 * multi-row change of this service. Decided items keep their decision.
 */
export async function closeItemsOfBatch(db: Queryable, batchId: string, closedAt: Date): Promise<string[]> {
  await db.query('select request_id from approval_items where batch_id = $1 order by request_id for update', [
    batchId,
  ])
  const { rows } = await db.query<{ request_id: string }>(
    `update approval_items set status = 'CLOSED', closed_at = $2, version = version + 1
      where batch_id = $1 and status = 'PENDING'
     returning request_id`,
    [batchId, closedAt],
  )

  return rows.map((row) => row.request_id)
}

export interface QueueEntry {
  item: ApprovalItem
  approvalCount: number
  /** Arrival order; the cursor of the queue. */
  queueSeq: bigint
}

/**
 * The pending items an approver can act on, oldest first: not their own requests and not those they
 * already voted on. Keyset pagination on the arrival order.
 */
export async function pendingQueue(
  db: Queryable,
  options: { approverId: string; limit: number; afterSeq: bigint | undefined },
): Promise<QueueEntry[]> {
  const { rows } = await db.query<ItemRow & { queue_seq: bigint; approval_count: number }>(
    `select i.*,
            (select count(*)::int from approval_votes v
              where v.request_id = i.request_id and v.decision = 'APPROVE') as approval_count
       from approval_items i
      where i.status = 'PENDING'
        and i.created_by <> $1
        and not exists (select 1 from approval_votes v where v.request_id = i.request_id and v.approver_id = $1)
        and i.queue_seq > $2
      order by i.queue_seq
      limit $3`,
    [options.approverId, options.afterSeq ?? 0n, options.limit],
  )

  return rows.map((row) => ({
    item: toItem(row),
    approvalCount: row.approval_count,
    queueSeq: row.queue_seq,
  }))
}

function toItem(row: ItemRow): ApprovalItem {
  return {
    requestId: row.request_id,
    batchId: row.batch_id,
    createdBy: row.created_by,
    kind: row.kind,
    payeeName: row.payee_name,
    beneficiaryName: row.beneficiary_name,
    beneficiaryAccount: row.beneficiary_account,
    purpose: row.purpose,
    entityType: row.entity_type,
    vendorId: row.vendor_id,
    subcontractorId: row.subcontractor_id,
    siteId: row.site_id,
    siteCode: row.site_code,
    extraReason: row.extra_reason,
    baseAmount: row.base_amount,
    extraAmount: row.extra_amount,
    totalAmount: row.total_amount,
    currency: row.currency,
    requiredApprovals: row.required_approvals,
    policyThreshold: row.policy_threshold,
    status: row.status,
    version: row.version,
    queuedAt: row.queued_at,
    closedAt: row.closed_at,
  }
}
