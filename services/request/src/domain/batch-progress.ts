import { isTerminalRequest, type BatchStatus, type RequestStatus } from './state-machine.ts'

export interface BatchProgress {
  /** The first decision on a SUBMITTED batch starts its processing. */
  startProcessing: boolean
  /** Every request reached PAID or REJECTED: the batch is done (an all-rejected batch too). */
  complete: boolean
}

/** What a batch does after one of its requests changed status (a decision or a payment). */
export function batchProgressAfter(batch: BatchStatus, requests: readonly RequestStatus[]): BatchProgress {
  if (batch !== 'SUBMITTED' && batch !== 'PROCESSING') {
    return { startProcessing: false, complete: false }
  }

  return {
    startProcessing: batch === 'SUBMITTED',
    complete: requests.length > 0 && requests.every(isTerminalRequest),
  }
}
