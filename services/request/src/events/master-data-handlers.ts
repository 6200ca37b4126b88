import type { EventHandlers } from '@pay/messaging'

import { upsertMasterEntity } from '../db/master-data.ts'

/**
 * Keeps the local copy of the ledger's master data: each event carries an entity's whole state
 * and version, and only a newer version replaces what is stored.
 */
export const masterDataHandlers: EventHandlers = {
  ClientChanged: async ({ payload }, { client }) => {
    await upsertMasterEntity(client, {
      entityType: 'CLIENT',
      entityId: payload.clientId,
      name: payload.name,
      code: null,
      parentId: null,
      assignedSiteId: null,
      active: payload.active,
      version: payload.version,
    })
  },

  SiteChanged: async ({ payload }, { client }) => {
    await upsertMasterEntity(client, {
      entityType: 'SITE',
      entityId: payload.siteId,
      name: payload.name,
      code: payload.code,
      parentId: payload.clientId,
      assignedSiteId: null,
      active: payload.active,
      version: payload.version,
    })
  },

  VendorTypeChanged: async ({ payload }, { client }) => {
    await upsertMasterEntity(client, {
      entityType: 'VENDOR_TYPE',
      entityId: payload.vendorTypeId,
      name: payload.name,
      code: null,
      parentId: null,
      assignedSiteId: null,
      active: payload.active,
      version: payload.version,
    })
  },

  VendorChanged: async ({ payload }, { client }) => {
    await upsertMasterEntity(client, {
      entityType: 'VENDOR',
      entityId: payload.vendorId,
      name: payload.name,
      code: null,
      parentId: payload.vendorTypeId,
      assignedSiteId: null,
      active: payload.active,
      version: payload.version,
    })
  },

  SubcontractorScopeChanged: async ({ payload }, { client }) => {
    await upsertMasterEntity(client, {
      entityType: 'SUBCONTRACTOR_SCOPE',
      entityId: payload.scopeId,
      name: payload.name,
      code: null,
      parentId: null,
      assignedSiteId: null,
      active: payload.active,
      version: payload.version,
    })
  },

  SubcontractorChanged: async ({ payload }, { client }) => {
    await upsertMasterEntity(client, {
      entityType: 'SUBCONTRACTOR',
      entityId: payload.subcontractorId,
      name: payload.name,
      code: null,
      parentId: payload.scopeId,
      assignedSiteId: payload.assignedSiteId,
      active: payload.active,
      version: payload.version,
    })
  },
}
