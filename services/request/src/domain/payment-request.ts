import type { RequestFields } from './request-fields.ts'
import type { RequestStatus } from './state-machine.ts'

export interface PaymentRequest {
  id: string
  seq: bigint
  batchId: string
  status: RequestStatus
  fields: RequestFields
  totalAmount: bigint
  /** Vendor or subcontractor name as master data had it when the request was last edited. */
  entityName: string | null
  siteCode: string | null
  createdBy: string
  version: bigint
  createdAt: Date
  updatedAt: Date
  submittedAt: Date | null
  decidedAt: Date | null
  /** The approver who gave the final approval, or who rejected. */
  decidedBy: string | null
  decisionComment: string | null
  paidAt: Date | null
  paidBy: string | null
}

/** Who gets the money: the beneficiary of a legacy request, the vendor or subcontractor otherwise. */
export function payeeNameOf(request: PaymentRequest): string {
  return request.fields.kind === 'LEGACY' ? request.fields.beneficiaryName : (request.entityName ?? '')
}
