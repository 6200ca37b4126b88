import type { EventHandlers } from '@pay/messaging'

import { upsertMasterEntity, type MasterEntityState, type MasterEntityType } from '../db/master-data.ts'

type Links = Partial<Pick<MasterEntityState, 'code' | 'parentId' | 'assignedSiteId'>>

/** The stored state of one entity from the fields every master-data event carries. */
function stateOf(
  entityType: MasterEntityType,
  entityId: string,
  payload: { name: string; active: boolean; version: MasterEntityState['version'] },
  links: Links = {},
): MasterEntityState {
  return {
    entityType,
    entityId,
    name: payload.name,
    code: null,
    parentId: null,
    assignedSiteId: null,
    active: payload.active,
    version: payload.version,
    ...links,
  }
}

/**
 * Keeps the local copy of the ledger's master data: each event carries an entity's whole state
 * and version, and only a newer version replaces what is stored.
 */
export const masterDataHandlers: EventHandlers = {
  ClientChanged: async ({ payload }, { client }) => {
    await upsertMasterEntity(client, stateOf('CLIENT', payload.clientId, payload))
  },

  SiteChanged: async ({ payload }, { client }) => {
    await upsertMasterEntity(
      client,
      stateOf('SITE', payload.siteId, payload, { code: payload.code, parentId: payload.clientId }),
    )
  },

  VendorTypeChanged: async ({ payload }, { client }) => {
    await upsertMasterEntity(client, stateOf('VENDOR_TYPE', payload.vendorTypeId, payload))
  },

  VendorChanged: async ({ payload }, { client }) => {
    await upsertMasterEntity(
      client,
      stateOf('VENDOR', payload.vendorId, payload, { parentId: payload.vendorTypeId }),
    )
  },

  SubcontractorScopeChanged: async ({ payload }, { client }) => {
    await upsertMasterEntity(client, stateOf('SUBCONTRACTOR_SCOPE', payload.scopeId, payload))
  },

  SubcontractorChanged: async ({ payload }, { client }) => {
    await upsertMasterEntity(
      client,
      stateOf('SUBCONTRACTOR', payload.subcontractorId, payload, {
        parentId: payload.scopeId,
        assignedSiteId: payload.assignedSiteId,
      }),
    )
  },
}
