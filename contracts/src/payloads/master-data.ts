/** Each master-data event carries the entity's whole current state (the topic is compacted). */
interface Lifecycle {
  active: boolean
  effectiveFrom: Date
  deactivatedAt: Date | null
  /** Increases with every change of the entity. */
  version: bigint
}

export interface ClientChangedPayload extends Lifecycle {
  clientId: string
  name: string
}

export interface SiteChangedPayload extends Lifecycle {
  siteId: string
  code: string
  name: string
  clientId: string
}

export interface VendorTypeChangedPayload extends Lifecycle {
  vendorTypeId: string
  name: string
}

export interface VendorChangedPayload extends Lifecycle {
  vendorId: string
  name: string
  vendorTypeId: string
}

export interface SubcontractorScopeChangedPayload extends Lifecycle {
  scopeId: string
  name: string
}

export interface SubcontractorChangedPayload extends Lifecycle {
  subcontractorId: string
  name: string
  scopeId: string
  assignedSiteId: string | null
}
