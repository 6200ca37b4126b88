import type { MasterDataRecord } from '../domain/master-data.ts'

/** The JSON shape of a master-data entity: its attributes, lifecycle and version. */
export function presentMasterData(record: MasterDataRecord) {
  return {
    id: record.id,
    ...record.fields,
    active: record.active,
    effectiveFrom: record.effectiveFrom.toISOString(),
    deactivatedAt: record.deactivatedAt?.toISOString() ?? null,
    version: Number(record.version),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  }
}
