import type { ConsumerExpectations } from '../consumer-expectations.ts'

const statusChange = ['fromStatus', 'toStatus']
const lifecycle = ['active', 'deactivatedAt', 'version']

/**
 * services/audit/src/domain/state-change.ts: the fields that make an audit row's previous and new
 * state. Every payload is also stored whole, which reads no field in particular.
 */
export const expectations: ConsumerExpectations = {
  UserCreated: ['displayName', 'role', 'active'],
  UserChanged: ['previous', 'current'],
  SecurityEventRecorded: [],

  BatchCreated: ['status'],
  BatchSubmitted: statusChange,
  BatchProcessingStarted: statusChange,
  BatchCompleted: statusChange,
  BatchCancelled: statusChange,
  RequestCreated: ['status'],
  RequestUpdated: ['status'],
  RequestSubmitted: ['status'],
  RequestStatusChanged: statusChange,
  RequestPaid: [],
  SoaDocumentAdded: [],

  RequestQueuedForApproval: ['requiredApprovals'],
  ApprovalVoteRecorded: ['approvalCount', 'requiredApprovals'],
  RequestApproved: [],
  RequestRejected: [],
  ApprovalPolicyChanged: ['threshold', 'previousThreshold'],

  ClientChanged: lifecycle,
  SiteChanged: lifecycle,
  VendorTypeChanged: lifecycle,
  VendorChanged: lifecycle,
  SubcontractorScopeChanged: lifecycle,
  SubcontractorChanged: lifecycle,

  AccountOpened: [],
  JournalEntryPosted: [],
}
