/**
 * The product's lifecycles (SPEC "States"), restated here on purpose rather than imported from
 * the request service: the probe checks the service, so it must not share its mistakes.
 */
export const requestMoves: Readonly<Record<string, readonly string[]>> = {
  DRAFT: ['SUBMITTED'],
  SUBMITTED: ['PENDING_APPROVAL'],
  PENDING_APPROVAL: ['APPROVED', 'REJECTED'],
  APPROVED: ['PAID'],
  REJECTED: [],
  PAID: [],
}

export const batchMoves: Readonly<Record<string, readonly string[]>> = {
  DRAFT: ['SUBMITTED', 'CANCELLED'],
  SUBMITTED: ['PROCESSING'],
  PROCESSING: ['COMPLETED'],
  COMPLETED: [],
  CANCELLED: [],
}

export function isLegalMove(moves: Readonly<Record<string, readonly string[]>>, from: string, to: string) {
  return moves[from]?.includes(to) ?? false
}

/** How many requests of a batch are in each stage. */
export interface BatchCensus {
  status: string
  requests: number
  draft: number
  /** SUBMITTED or PENDING_APPROVAL: waiting for a decision. */
  waiting: number
  approved: number
  /** PAID or REJECTED. */
  terminal: number
}

/**
 * Why a batch's status does not fit its requests, or undefined when it does. Submission moves the
 * batch and its requests together; the first decision starts processing; the last request to end
 * (paid or rejected) completes the batch, each in the same transaction as the request's change.
 */
export function batchMismatch(census: BatchCensus): string | undefined {
  const { status, requests, draft, waiting, approved, terminal } = census

  switch (status) {
    case 'DRAFT':
    case 'CANCELLED':
      return draft === requests ? undefined : `a ${status} batch holds requests that left DRAFT`
    case 'SUBMITTED':
      if (requests === 0) return 'an empty batch was submitted'

      return waiting === requests ? undefined : 'a SUBMITTED batch holds decided or draft requests'
    case 'PROCESSING':
      if (requests === 0 || draft > 0) return 'a PROCESSING batch holds draft requests or none'
      if (terminal === requests) return 'every request is PAID or REJECTED but the batch is not COMPLETED'

      return approved + terminal > 0 ? undefined : 'a PROCESSING batch without any decided request'
    case 'COMPLETED':
      if (requests === 0) return 'an empty batch is COMPLETED'

      return terminal === requests
        ? undefined
        : 'a COMPLETED batch holds requests that are not PAID or REJECTED'
    default:
      return `unknown batch status ${status}`
  }
}
