import { ledgerError } from '../errors.ts'

export const masterDataKinds = [
  'client',
  'site',
  'vendorType',
  'vendor',
  'subcontractorScope',
  'subcontractor',
] as const

export type MasterDataKind = (typeof masterDataKinds)[number]

/** Every master-data attribute is a name, a code or the id of another entity. */
export type MasterDataFields = Record<string, string | null>

/** Attributes as a command gives them: a missing one is left as it is (or null on creation). */
export type MasterDataInput = Record<string, string | null | undefined>

export interface MasterDataRecord {
  id: string
  kind: MasterDataKind
  fields: MasterDataFields
  active: boolean
  /** When the current active period began: creation, or the last reactivation. */
  effectiveFrom: Date
  deactivatedAt: Date | null
  /** Grows by one with every change; travels in the entity's event. */
  version: bigint
  createdAt: Date
  updatedAt: Date
}

export interface MasterDataPatch {
  fields: MasterDataInput
  active?: boolean
}

interface KindDefinition {
  label: string
  fields: readonly string[]
  /** Attributes holding the id of another entity, which must exist and be active when set. */
  references: Readonly<Record<string, MasterDataKind>>
}

export const kindDefinitions: Record<MasterDataKind, KindDefinition> = {
  client: { label: 'client', fields: ['name'], references: {} },
  site: { label: 'site', fields: ['code', 'name', 'clientId'], references: { clientId: 'client' } },
  vendorType: { label: 'vendor type', fields: ['name'], references: {} },
  vendor: { label: 'vendor', fields: ['name', 'vendorTypeId'], references: { vendorTypeId: 'vendorType' } },
  subcontractorScope: { label: 'subcontractor scope', fields: ['name'], references: {} },
  subcontractor: {
    label: 'subcontractor',
    fields: ['name', 'scopeId', 'assignedSiteId'],
    references: { scopeId: 'subcontractorScope', assignedSiteId: 'site' },
  },
}

export function newMasterDataRecord(
  kind: MasterDataKind,
  id: string,
  fields: MasterDataInput,
  now: Date,
): MasterDataRecord {
  return {
    id,
    kind,
    fields: pickFields(kind, fields),
    active: true,
    effectiveFrom: now,
    deactivatedAt: null,
    version: 1n,
    createdAt: now,
    updatedAt: now,
  }
}

/**
 * The entity after a patch, or undefined when the patch changes nothing (no new version, no
 * event). Deactivating stamps `deactivatedAt`; reactivating clears it and restarts `effectiveFrom`.
 */
export function patchMasterDataRecord(
  current: MasterDataRecord,
  patch: MasterDataPatch,
  now: Date,
): MasterDataRecord | undefined {
  const fields = { ...current.fields, ...pickFields(current.kind, patch.fields, { partial: true }) }
  const fieldsChanged = Object.keys(fields).some((field) => fields[field] !== current.fields[field])
  const active = patch.active ?? current.active
  const activeChanged = active !== current.active
  if (!fieldsChanged && !activeChanged) {
    return undefined
  }

  return {
    ...current,
    fields,
    active,
    effectiveFrom: activeChanged && active ? now : current.effectiveFrom,
    deactivatedAt: active ? null : activeChanged ? now : current.deactivatedAt,
    version: current.version + 1n,
    updatedAt: now,
  }
}

export interface ReferenceToCheck {
  field: string
  kind: MasterDataKind
  id: string
}

/**
 * The references a command newly sets, which must point at an existing, active entity. A
 * reference left as it was is not checked again: renaming a vendor whose type was deactivated
 * since stays possible.
 */
export function referencesToCheck(next: MasterDataRecord, previous?: MasterDataRecord): ReferenceToCheck[] {
  const references = kindDefinitions[next.kind].references

  return Object.entries(references).flatMap(([field, kind]) => {
    const id = next.fields[field]
    if (id === null || id === undefined || id === previous?.fields[field]) {
      return []
    }

    return [{ field, kind, id }]
  })
}

/** Refuses a reference to a missing or deactivated entity (422, naming the field). */
export function assertReferenceUsable(
  reference: ReferenceToCheck,
  found: { active: boolean } | undefined,
): void {
  const label = kindDefinitions[reference.kind].label
  if (found === undefined) {
    throw ledgerError('REFERENCE_NOT_FOUND', `no ${label} ${reference.id}`, {
      fields: [{ path: reference.field, message: `no such ${label}` }],
    })
  }

  if (!found.active) {
    throw ledgerError('REFERENCE_INACTIVE', `${label} ${reference.id} is deactivated`, {
      fields: [{ path: reference.field, message: `the ${label} is deactivated` }],
    })
  }
}

function pickFields(
  kind: MasterDataKind,
  fields: MasterDataInput,
  { partial = false }: { partial?: boolean } = {},
): MasterDataFields {
  const picked: MasterDataFields = {}
  for (const field of kindDefinitions[kind].fields) {
    const value = fields[field]
    if (value !== undefined) {
      picked[field] = value
    } else if (!partial) {
      picked[field] = null
    }
  }

  return picked
}
