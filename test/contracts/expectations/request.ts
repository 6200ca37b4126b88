import type { ConsumerExpectations } from '../consumer-expectations.ts'

/** services/request/src/events: approval-handlers.ts and master-data-handlers.ts. */
export const expectations: ConsumerExpectations = {
  RequestQueuedForApproval: ['requestId'],
  RequestApproved: ['requestId', 'approverIds', 'decidedAt', 'comment'],
  RequestRejected: ['requestId', 'approverId', 'decidedAt', 'comment'],

  ClientChanged: ['clientId', 'name', 'active', 'version'],
  SiteChanged: ['siteId', 'name', 'code', 'clientId', 'active', 'version'],
  VendorTypeChanged: ['vendorTypeId', 'name', 'active', 'version'],
  VendorChanged: ['vendorId', 'name', 'vendorTypeId', 'active', 'version'],
  SubcontractorScopeChanged: ['scopeId', 'name', 'active', 'version'],
  SubcontractorChanged: ['subcontractorId', 'name', 'scopeId', 'assignedSiteId', 'active', 'version'],
}
