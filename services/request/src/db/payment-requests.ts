import type { Currency } from '@pay/money'

import type { PayeeSnapshot } from '../domain/payee.ts'
import type { PaymentRequest } from '../domain/payment-request.ts'
import type { EntityType, RequestFields, RequestKind } from '../domain/request-fields.ts'
import type { RequestStatus } from '../domain/state-machine.ts'
import type { Queryable } from './queryable.ts'

interface RequestRow {
  id: string
  seq: bigint
  batch_id: string
  kind: RequestKind
  status: RequestStatus
  currency: Currency
  base_amount: bigint
  extra_amount: bigint
  total_amount: bigint
  extra_reason: string | null
  beneficiary_name: string | null
  beneficiary_account: string | null
  purpose: string | null
  entity_type: EntityType | null
  vendor_id: string | null
  subcontractor_id: string | null
  entity_name: string | null
  site_id: string | null
  site_code: string | null
  created_by: string
  version: bigint
  created_at: Date
  updated_at: Date
  submitted_at: Date | null
  decided_at: Date | null
  decided_by: string | null
  decision_comment: string | null
  paid_at: Date | null
  paid_by: string | null
}

const COLUMNS = `id, seq, batch_id, kind, status, currency, base_amount, extra_amount, total_amount,
  extra_reason, beneficiary_name, beneficiary_account, purpose, entity_type, vendor_id, subcontractor_id,
  entity_name, site_id, site_code, created_by, version, created_at, updated_at, submitted_at, decided_at,
  decided_by, decision_comment, paid_at, paid_by`

/** What a client chooses (and the payee snapshot), in the order `contentValues` lists them. */
const CONTENT_COLUMNS = [
  'kind',
  'currency',
  'base_amount',
  'extra_amount',
  'extra_reason',
  'beneficiary_name',
  'beneficiary_account',
  'purpose',
  'entity_type',
  'vendor_id',
  'subcontractor_id',
  'entity_name',
  'site_id',
  'site_code',
]

export async function insertRequest(
  db: Queryable,
  request: {
    id: string
    batchId: string
    createdBy: string
    fields: RequestFields
    payee: PayeeSnapshot | null
  },
): Promise<PaymentRequest> {
  const placeholders = CONTENT_COLUMNS.map((_, index) => `$${index + 4}`)
  // total_amount is computed here from the stored parts; the check constraint holds it to that.
  const { rows } = await db.query<RequestRow>(
    `insert into payment_requests (id, batch_id, created_by, status, ${CONTENT_COLUMNS.join(', ')}, total_amount)
     values ($1, $2, $3, 'DRAFT', ${placeholders.join(', ')}, $6::bigint + $7::bigint)
     returning ${COLUMNS}`,
    [request.id, request.batchId, request.createdBy, ...contentValues(request.fields, request.payee)],
  )

  return requestOf(rows[0]!)
}

/** Replaces the content of a locked DRAFT request. */
export async function updateRequestContent(
  db: Queryable,
  id: string,
  fields: RequestFields,
  payee: PayeeSnapshot | null,
): Promise<PaymentRequest> {
  const assignments = CONTENT_COLUMNS.map((column, index) => `${column} = $${index + 2}`)
  const { rows } = await db.query<RequestRow>(
    `update payment_requests
        set ${assignments.join(', ')}, total_amount = $4::bigint + $5::bigint,
            version = version + 1, updated_at = now()
      where id = $1
      returning ${COLUMNS}`,
    [id, ...contentValues(fields, payee)],
  )

  return requestOf(rows[0]!)
}

export async function findRequest(db: Queryable, id: string): Promise<PaymentRequest | undefined> {
  const { rows } = await db.query<RequestRow>(`select ${COLUMNS} from payment_requests where id = $1`, [id])

  return rows[0] === undefined ? undefined : requestOf(rows[0])
}

export async function lockRequest(db: Queryable, id: string): Promise<PaymentRequest | undefined> {
  const { rows } = await db.query<RequestRow>(
    `select ${COLUMNS} from payment_requests where id = $1 for update`,
    [id],
  )

  return rows[0] === undefined ? undefined : requestOf(rows[0])
}

/** The requests of a batch in id order; `lock` takes their row locks in that order. */
export async function requestsOfBatch(
  db: Queryable,
  batchId: string,
  options: { lock: boolean },
): Promise<PaymentRequest[]> {
  const { rows } = await db.query<RequestRow>(
    `select ${COLUMNS} from payment_requests where batch_id = $1 order by id ${options.lock ? 'for update' : ''}`,
    [batchId],
  )

  return rows.map(requestOf)
}

/** The statuses of a batch's requests: all that deciding whether the batch moves on needs. */
export async function requestStatusesOfBatch(db: Queryable, batchId: string): Promise<RequestStatus[]> {
  const { rows } = await db.query<{ status: RequestStatus }>(
    'select status from payment_requests where batch_id = $1',
    [batchId],
  )

  return rows.map((row) => row.status)
}

export async function submitRequestsOfBatch(db: Queryable, batchId: string): Promise<PaymentRequest[]> {
  const { rows } = await db.query<RequestRow>(
    `update payment_requests
        set status = 'SUBMITTED', submitted_at = now(), version = version + 1, updated_at = now()
      where batch_id = $1 and status = 'DRAFT'
      returning ${COLUMNS}`,
    [batchId],
  )

  return rows.map(requestOf).sort((a, b) => (a.id < b.id ? -1 : 1))
}

export async function setRequestStatus(
  db: Queryable,
  id: string,
  status: RequestStatus,
  details: { decidedAt?: Date; decidedBy?: string; comment?: string | null; paidBy?: string } = {},
): Promise<PaymentRequest> {
  const { rows } = await db.query<RequestRow>(
    `update payment_requests
        set status = $2, version = version + 1, updated_at = now(),
            decided_at = coalesce($3, decided_at),
            decided_by = coalesce($4, decided_by),
            decision_comment = case when $3::timestamptz is null then decision_comment else $5 end,
            paid_at = case when $2 = 'PAID' then now() else paid_at end,
            paid_by = coalesce($6, paid_by)
      where id = $1
      returning ${COLUMNS}`,
    [
      id,
      status,
      details.decidedAt ?? null,
      details.decidedBy ?? null,
      details.comment ?? null,
      details.paidBy ?? null,
    ],
  )

  return requestOf(rows[0]!)
}

/** Counts a change that is not in the request's own columns (a new SOA version). */
export async function bumpRequestVersion(db: Queryable, id: string): Promise<PaymentRequest> {
  const { rows } = await db.query<RequestRow>(
    `update payment_requests set version = version + 1, updated_at = now() where id = $1 returning ${COLUMNS}`,
    [id],
  )

  return requestOf(rows[0]!)
}

export interface RequestListFilter {
  /** Only requests in batches this user created. */
  batchOwner: string | undefined
  status: RequestStatus | undefined
  batchId: string | undefined
  /** Oldest first, as queues are worked: only requests after this position. */
  afterSeq: bigint | undefined
  limit: number
}

export async function listRequests(db: Queryable, filter: RequestListFilter): Promise<PaymentRequest[]> {
  const { rows } = await db.query<RequestRow>(
    `select ${COLUMNS}
       from payment_requests r
      where ($1::uuid is null or exists (select 1 from batches b where b.id = r.batch_id and b.created_by = $1))
        and ($2::text is null or r.status = $2)
        and ($3::uuid is null or r.batch_id = $3)
        and ($4::bigint is null or r.seq > $4)
      order by r.seq
      limit $5`,
    [
      filter.batchOwner ?? null,
      filter.status ?? null,
      filter.batchId ?? null,
      filter.afterSeq?.toString() ?? null,
      filter.limit,
    ],
  )

  return rows.map(requestOf)
}

function contentValues(fields: RequestFields, payee: PayeeSnapshot | null): unknown[] {
  if (fields.kind === 'LEGACY') {
    return [
      'LEGACY',
      fields.currency,
      fields.baseAmount.toString(),
      '0',
      null,
      fields.beneficiaryName,
      fields.beneficiaryAccount,
      fields.purpose,
      null,
      null,
      null,
      null,
      null,
      null,
    ]
  }

  return [
    'LEDGER',
    fields.currency,
    fields.baseAmount.toString(),
    fields.extraAmount.toString(),
    fields.extraReason,
    null,
    null,
    null,
    fields.entityType,
    fields.vendorId,
    fields.subcontractorId,
    payee?.entityName ?? null,
    fields.siteId,
    payee?.siteCode ?? null,
  ]
}

function fieldsOf(row: RequestRow): RequestFields {
  if (row.kind === 'LEGACY') {
    return {
      kind: 'LEGACY',
      currency: row.currency,
      baseAmount: row.base_amount,
      beneficiaryName: row.beneficiary_name ?? '',
      beneficiaryAccount: row.beneficiary_account ?? '',
      purpose: row.purpose ?? '',
    }
  }

  return {
    kind: 'LEDGER',
    currency: row.currency,
    baseAmount: row.base_amount,
    extraAmount: row.extra_amount,
    extraReason: row.extra_reason,
    entityType: row.entity_type ?? 'VENDOR',
    vendorId: row.vendor_id,
    subcontractorId: row.subcontractor_id,
    siteId: row.site_id ?? '',
  }
}

function requestOf(row: RequestRow): PaymentRequest {
  return {
    id: row.id,
    seq: row.seq,
    batchId: row.batch_id,
    status: row.status,
    fields: fieldsOf(row),
    totalAmount: row.total_amount,
    entityName: row.entity_name,
    siteCode: row.site_code,
    createdBy: row.created_by,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    decisionComment: row.decision_comment,
    paidAt: row.paid_at,
    paidBy: row.paid_by,
  }
}
