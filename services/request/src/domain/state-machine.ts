/**
 * The lifecycles of a payment request and of a batch as tables of allowed moves. Everything that
 * changes a status asks here first; a move not in the table is refused.
 */

export const requestStatuses = [
  'DRAFT',
  'SUBMITTED',
  'PENDING_APPROVAL',
  'APPROVED',
  'REJECTED',
  'PAID',
] as const
export type RequestStatus = (typeof requestStatuses)[number]

export const batchStatuses = ['DRAFT', 'SUBMITTED', 'PROCESSING', 'COMPLETED', 'CANCELLED'] as const
export type BatchStatus = (typeof batchStatuses)[number]

export const requestTransitions: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  DRAFT: ['SUBMITTED'],
  SUBMITTED: ['PENDING_APPROVAL'],
  PENDING_APPROVAL: ['APPROVED', 'REJECTED'],
  APPROVED: ['PAID'],
  REJECTED: [],
  PAID: [],
}

export const batchTransitions: Readonly<Record<BatchStatus, readonly BatchStatus[]>> = {
  DRAFT: ['SUBMITTED', 'CANCELLED'],
  SUBMITTED: ['PROCESSING'],
  PROCESSING: ['COMPLETED'],
  COMPLETED: [],
  CANCELLED: [],
}

export function canMoveRequest(from: RequestStatus, to: RequestStatus): boolean {
  return requestTransitions[from].includes(to)
}

export function canMoveBatch(from: BatchStatus, to: BatchStatus): boolean {
  return batchTransitions[from].includes(to)
}

/** PAID and REJECTED end a request's life; a batch completes once all of its requests did. */
export function isTerminalRequest(status: RequestStatus): boolean {
  return requestTransitions[status].length === 0
}

export function isRequestStatus(value: unknown): value is RequestStatus {
  return typeof value === 'string' && (requestStatuses as readonly string[]).includes(value)
}

export function isBatchStatus(value: unknown): value is BatchStatus {
  return typeof value === 'string' && (batchStatuses as readonly string[]).includes(value)
}
