import type { ConsumerExpectations } from '../consumer-expectations.ts'

/** What `payableRequestOf` (services/ledger/src/events/payable-request-of.ts) posts from. */
const payable = [
  'requestId',
  'currency',
  'totalAmount',
  'kind',
  'payeeName',
  'entityType',
  'vendorId',
  'subcontractorId',
  'siteId',
  'siteCode',
]

/** services/ledger/src/events/payment-handlers.ts: accrual on approval, settlement on payment. */
export const expectations: ConsumerExpectations = {
  RequestApproved: payable,
  RequestPaid: payable,
}
