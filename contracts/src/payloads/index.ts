import type * as approvals from './approvals.ts'
import type * as identity from './identity.ts'
import type * as journal from './journal.ts'
import type * as masterData from './master-data.ts'
import type * as requests from './requests.ts'

export type * from './approvals.ts'
export type * from './common.ts'
export type * from './identity.ts'
export type * from './journal.ts'
export type * from './master-data.ts'
export type * from './requests.ts'

/** The payload interface of every event type; the round-trip test keeps it in step with the schemas. */
export interface Payloads {
  UserCreated: identity.UserCreatedPayload
  UserChanged: identity.UserChangedPayload
  SecurityEventRecorded: identity.SecurityEventRecordedPayload

  BatchCreated: requests.BatchCreatedPayload
  BatchSubmitted: requests.BatchSubmittedPayload
  BatchProcessingStarted: requests.BatchProcessingStartedPayload
  BatchCompleted: requests.BatchCompletedPayload
  BatchCancelled: requests.BatchCancelledPayload
  RequestCreated: requests.RequestCreatedPayload
  RequestUpdated: requests.RequestUpdatedPayload
  RequestSubmitted: requests.RequestSubmittedPayload
  RequestStatusChanged: requests.RequestStatusChangedPayload
  RequestPaid: requests.RequestPaidPayload
  SoaDocumentAdded: requests.SoaDocumentAddedPayload

  RequestQueuedForApproval: approvals.RequestQueuedForApprovalPayload
  ApprovalVoteRecorded: approvals.ApprovalVoteRecordedPayload
  RequestApproved: approvals.RequestApprovedPayload
  RequestRejected: approvals.RequestRejectedPayload
  ApprovalPolicyChanged: approvals.ApprovalPolicyChangedPayload

  ClientChanged: masterData.ClientChangedPayload
  SiteChanged: masterData.SiteChangedPayload
  VendorTypeChanged: masterData.VendorTypeChangedPayload
  VendorChanged: masterData.VendorChangedPayload
  SubcontractorScopeChanged: masterData.SubcontractorScopeChangedPayload
  SubcontractorChanged: masterData.SubcontractorChangedPayload

  AccountOpened: journal.AccountOpenedPayload
  JournalEntryPosted: journal.JournalEntryPostedPayload
}
