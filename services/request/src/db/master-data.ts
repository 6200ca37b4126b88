import type { MasterRecord } from '../domain/payee.ts'
import type { Queryable } from './queryable.ts'

export type MasterEntityType =
  'CLIENT' | 'SITE' | 'VENDOR_TYPE' | 'VENDOR' | 'SUBCONTRACTOR_SCOPE' | 'SUBCONTRACTOR'

export interface MasterEntityState {
  entityType: MasterEntityType
  entityId: string
  name: string
  code: string | null
  parentId: string | null
  assignedSiteId: string | null
  active: boolean
  version: bigint
}

/**
 * Stores an entity's state unless a newer (or the same) version is already there, so events that
 * arrive twice or out of order never roll the copy back. Returns whether the state was applied.
 */
export async function upsertMasterEntity(db: Queryable, state: MasterEntityState): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into master_data_entities
       (entity_type, entity_id, name, code, parent_id, assigned_site_id, active, version)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (entity_type, entity_id) do update
       set name = excluded.name, code = excluded.code, parent_id = excluded.parent_id,
           assigned_site_id = excluded.assigned_site_id, active = excluded.active,
           version = excluded.version, updated_at = now()
       where master_data_entities.version < excluded.version`,
    [
      state.entityType,
      state.entityId,
      state.name,
      state.code,
      state.parentId,
      state.assignedSiteId,
      state.active,
      state.version.toString(),
    ],
  )

  return (rowCount ?? 0) > 0
}

export async function findMasterRecord(
  db: Queryable,
  entityType: MasterEntityType,
  id: string,
): Promise<MasterRecord | undefined> {
  const { rows } = await db.query<{
    entity_id: string
    name: string
    code: string | null
    active: boolean
    assigned_site_id: string | null
  }>(
    `select entity_id, name, code, active, assigned_site_id
       from master_data_entities where entity_type = $1 and entity_id = $2`,
    [entityType, id],
  )
  const row = rows[0]
  if (row === undefined) {
    return undefined
  }

  return {
    id: row.entity_id,
    name: row.name,
    code: row.code,
    active: row.active,
    assignedSiteId: row.assigned_site_id,
  }
}
