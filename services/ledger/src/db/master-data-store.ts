import type { Pool, PoolClient } from '@pay/db'

import { kindDefinitions, type MasterDataKind, type MasterDataRecord } from '../domain/master-data.ts'

type Queryable = Pool | PoolClient

interface TableOf {
  table: string
  /** Lists are ordered by this expression, then id; the unique index uses the same expression. */
  sortKey: string
}

// Identifiers below come from these constants only, never from a request.
const tables: Record<MasterDataKind, TableOf> = {
  client: { table: 'clients', sortKey: 'lower(name)' },
  site: { table: 'sites', sortKey: 'upper(code)' },
  vendorType: { table: 'vendor_types', sortKey: 'lower(name)' },
  vendor: { table: 'vendors', sortKey: 'lower(name)' },
  subcontractorScope: { table: 'subcontractor_scopes', sortKey: 'lower(name)' },
  subcontractor: { table: 'subcontractors', sortKey: 'lower(name)' },
}

interface Row {
  id: string
  active: boolean
  effective_from: Date
  deactivated_at: Date | null
  version: bigint
  created_at: Date
  updated_at: Date
  sort_key: string
  [column: string]: unknown
}

export interface MasterDataFilter {
  active?: boolean
  /** Attribute (camelCase) → value it must have, e.g. `{ clientId }` for the sites of a client. */
  fields?: Record<string, string>
}

export interface MasterDataPosition {
  sortKey: string
  id: string
}

export async function insertMasterData(client: PoolClient, record: MasterDataRecord): Promise<void> {
  const { table } = tables[record.kind]
  const fieldNames = kindDefinitions[record.kind].fields
  const columns = ['id', ...fieldNames.map(columnOf), 'active', 'effective_from', 'deactivated_at', 'version']
  const values = [
    record.id,
    ...fieldNames.map((field) => record.fields[field] ?? null),
    record.active,
    record.effectiveFrom,
    record.deactivatedAt,
    record.version,
  ]
  const placeholders = values.map((_, index) => `$${index + 1}`)

  await client.query(
    `insert into ${table} (${columns.join(', ')}, created_at, updated_at)
     values (${placeholders.join(', ')}, $${values.length + 1}, $${values.length + 1})`,
    [...values, record.createdAt],
  )
}

export async function updateMasterData(client: PoolClient, record: MasterDataRecord): Promise<void> {
  const { table } = tables[record.kind]
  const fieldNames = kindDefinitions[record.kind].fields
  const assignments = [
    ...fieldNames.map(columnOf),
    'active',
    'effective_from',
    'deactivated_at',
    'version',
    'updated_at',
  ].map((column, index) => `${column} = $${index + 2}`)

  await client.query(`update ${table} set ${assignments.join(', ')} where id = $1`, [
    record.id,
    ...fieldNames.map((field) => record.fields[field] ?? null),
    record.active,
    record.effectiveFrom,
    record.deactivatedAt,
    record.version,
    record.updatedAt,
  ])
}

export async function findMasterData(
  db: Queryable,
  kind: MasterDataKind,
  id: string,
  lock: 'none' | 'update' | 'share' = 'none',
): Promise<MasterDataRecord | undefined> {
  const { table, sortKey } = tables[kind]
  const locking = lock === 'none' ? '' : ` for ${lock}`
  const { rows } = await db.query<Row>(
    `select *, ${sortKey} as sort_key from ${table} where id = $1${locking}`,
    [id],
  )

  return rows[0] === undefined ? undefined : recordOf(kind, rows[0])
}

/** One page more than `limit` (see pageOf), in the kind's sort order. */
export async function listMasterData(
  db: Queryable,
  kind: MasterDataKind,
  filter: MasterDataFilter,
  page: { limit: number; after: MasterDataPosition | undefined },
): Promise<{ record: MasterDataRecord; position: MasterDataPosition }[]> {
  const { table, sortKey } = tables[kind]
  const conditions: string[] = []
  const values: unknown[] = []
  const parameter = (value: unknown) => {
    values.push(value)
    return `$${values.length}`
  }

  if (filter.active !== undefined) {
    conditions.push(`active = ${parameter(filter.active)}`)
  }
  for (const [field, value] of Object.entries(filter.fields ?? {})) {
    if (!kindDefinitions[kind].fields.includes(field)) {
      throw new TypeError(`${kind} has no attribute ${field}`)
    }
    conditions.push(`${columnOf(field)} = ${parameter(value)}`)
  }
  if (page.after !== undefined) {
    conditions.push(`(${sortKey}, id) > (${parameter(page.after.sortKey)}, ${parameter(page.after.id)})`)
  }

  const where = conditions.length === 0 ? '' : `where ${conditions.join(' and ')}`
  const { rows } = await db.query<Row>(
    `select *, ${sortKey} as sort_key from ${table} ${where}
      order by ${sortKey}, id
      limit ${parameter(page.limit + 1)}`,
    values,
  )

  return rows.map((row) => ({ record: recordOf(kind, row), position: { sortKey: row.sort_key, id: row.id } }))
}

/** `vendorTypeId` → `vendor_type_id`. */
function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
}

function recordOf(kind: MasterDataKind, row: Row): MasterDataRecord {
  const fields: Record<string, string | null> = {}
  for (const field of kindDefinitions[kind].fields) {
    fields[field] = (row[columnOf(field)] as string | null | undefined) ?? null
  }

  return {
    id: row.id,
    kind,
    fields,
    active: row.active,
    effectiveFrom: row.effective_from,
    deactivatedAt: row.deactivated_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
