import { newEnvelope, type EventMessage, type EventType } from '@pay/contracts'

import type { MasterDataKind, MasterDataRecord } from '../domain/master-data.ts'
import type { EventCause } from './event-cause.ts'

interface EventSpec {
  eventType: EventType
  aggregateType: string
  /** Name of the entity's id in the event payload. */
  idField: string
}

const eventSpecs: Record<MasterDataKind, EventSpec> = {
  client: { eventType: 'ClientChanged', aggregateType: 'Client', idField: 'clientId' },
  site: { eventType: 'SiteChanged', aggregateType: 'Site', idField: 'siteId' },
  vendorType: { eventType: 'VendorTypeChanged', aggregateType: 'VendorType', idField: 'vendorTypeId' },
  vendor: { eventType: 'VendorChanged', aggregateType: 'Vendor', idField: 'vendorId' },
  subcontractorScope: {
    eventType: 'SubcontractorScopeChanged',
    aggregateType: 'SubcontractorScope',
    idField: 'scopeId',
  },
  subcontractor: {
    eventType: 'SubcontractorChanged',
    aggregateType: 'Subcontractor',
    idField: 'subcontractorId',
  },
}

/**
 * The entity's whole current state, keyed by its id on the compacted master-data topic: the
 * latest event of each entity is all a reader needs to rebuild master data.
 */
export function masterDataChanged(record: MasterDataRecord, cause: EventCause): EventMessage {
  const spec = eventSpecs[record.kind]

  // The payload's attributes are the record's, by name; encodeEvent checks them against the schema.
  return {
    envelope: newEnvelope({
      eventType: spec.eventType,
      aggregateType: spec.aggregateType,
      aggregateId: record.id,
      aggregateVersion: record.version,
      ...cause,
    }),
    payload: {
      [spec.idField]: record.id,
      ...record.fields,
      active: record.active,
      effectiveFrom: record.effectiveFrom,
      deactivatedAt: record.deactivatedAt,
      version: record.version,
    },
  } as EventMessage
}
