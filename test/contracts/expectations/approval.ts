import type { ConsumerExpectations } from '../consumer-expectations.ts'

/** services/approval/src/events/request-events.ts: the queue item copies the whole submission. */
export const expectations: ConsumerExpectations = {
  RequestSubmitted: [
    'requestId',
    'batchId',
    'createdBy',
    'kind',
    'payeeName',
    'beneficiaryName',
    'beneficiaryAccount',
    'purpose',
    'entityType',
    'vendorId',
    'subcontractorId',
    'siteId',
    'siteCode',
    'extraReason',
    'baseAmount',
    'extraAmount',
    'totalAmount',
    'currency',
  ],
  BatchCancelled: ['batchId'],
}
