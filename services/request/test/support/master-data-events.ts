import { newEnvelope, type EventMessage } from '@pay/contracts'

const lifecycle = (version: number, active: boolean) => ({
  active,
  effectiveFrom: new Date('2026-01-01T00:00:00Z'),
  deactivatedAt: active ? null : new Date('2026-02-01T00:00:00Z'),
  version: BigInt(version),
})

function envelopeOf<T extends 'SiteChanged' | 'VendorChanged' | 'SubcontractorChanged'>(
  eventType: T,
  id: string,
  version: number,
) {
  return newEnvelope({
    eventType,
    aggregateType: eventType.replace('Changed', ''),
    aggregateId: id,
    aggregateVersion: version,
  })
}

export function siteChanged(
  site: { id: string; code: string; clientId: string },
  version: number,
  active = true,
): EventMessage<'SiteChanged'> {
  return {
    envelope: envelopeOf('SiteChanged', site.id, version),
    payload: {
      siteId: site.id,
      code: site.code,
      name: `Site ${site.code}`,
      clientId: site.clientId,
      ...lifecycle(version, active),
    },
  }
}

export function vendorChanged(
  vendor: { id: string; name: string; vendorTypeId: string },
  version: number,
  active = true,
): EventMessage<'VendorChanged'> {
  return {
    envelope: envelopeOf('VendorChanged', vendor.id, version),
    payload: {
      vendorId: vendor.id,
      name: vendor.name,
      vendorTypeId: vendor.vendorTypeId,
      ...lifecycle(version, active),
    },
  }
}

export function subcontractorChanged(
  subcontractor: { id: string; name: string; scopeId: string; assignedSiteId: string | null },
  version: number,
  active = true,
): EventMessage<'SubcontractorChanged'> {
  return {
    envelope: envelopeOf('SubcontractorChanged', subcontractor.id, version),
    payload: {
      subcontractorId: subcontractor.id,
      name: subcontractor.name,
      scopeId: subcontractor.scopeId,
      assignedSiteId: subcontractor.assignedSiteId,
      ...lifecycle(version, active),
    },
  }
}
