import { newEnvelope, type CurrencyTotal, type EventMessage, type EventType } from '@pay/contracts'

import type { Batch } from '../domain/batch.ts'
import type { PaymentRequest } from '../domain/payment-request.ts'
import type { BatchStatus } from '../domain/state-machine.ts'
import { totalsByCurrency } from '../domain/totals.ts'
import type { EventCause } from './event-cause.ts'

export const BATCH_AGGREGATE = 'Batch'

function envelopeOf<T extends EventType>(eventType: T, batch: Batch, cause: EventCause) {
  return newEnvelope({
    eventType,
    aggregateType: BATCH_AGGREGATE,
    aggregateId: batch.id,
    aggregateVersion: batch.version,
    ...cause,
  })
}

function head(batch: Batch) {
  return { batchId: batch.id, title: batch.title, createdBy: batch.createdBy }
}

function totalsOf(requests: readonly PaymentRequest[]): CurrencyTotal[] {
  return totalsByCurrency(
    requests.map((request) => ({ currency: request.fields.currency, totalAmount: request.totalAmount })),
  )
}

export function batchCreated(batch: Batch, cause: EventCause): EventMessage<'BatchCreated'> {
  return {
    envelope: envelopeOf('BatchCreated', batch, cause),
    payload: { ...head(batch), status: batch.status },
  }
}

export function batchSubmitted(
  batch: Batch,
  requests: readonly PaymentRequest[],
  cause: EventCause,
): EventMessage<'BatchSubmitted'> {
  return {
    envelope: envelopeOf('BatchSubmitted', batch, cause),
    payload: {
      ...head(batch),
      fromStatus: 'DRAFT',
      toStatus: batch.status,
      requestCount: requests.length,
      totals: totalsOf(requests),
      requestIds: requests.map((request) => request.id),
    },
  }
}

export function batchProcessingStarted(
  batch: Batch,
  requests: readonly PaymentRequest[],
  cause: EventCause,
): EventMessage<'BatchProcessingStarted'> {
  return {
    envelope: envelopeOf('BatchProcessingStarted', batch, cause),
    payload: {
      ...head(batch),
      fromStatus: 'SUBMITTED',
      toStatus: batch.status,
      requestCount: requests.length,
      totals: totalsOf(requests),
    },
  }
}

export function batchCompleted(
  batch: Batch,
  from: BatchStatus,
  requests: readonly PaymentRequest[],
  cause: EventCause,
): EventMessage<'BatchCompleted'> {
  const paid = requests.filter((request) => request.status === 'PAID')

  return {
    envelope: envelopeOf('BatchCompleted', batch, cause),
    payload: {
      ...head(batch),
      fromStatus: from,
      toStatus: batch.status,
      requestCount: requests.length,
      paidCount: paid.length,
      rejectedCount: requests.filter((request) => request.status === 'REJECTED').length,
      paidTotals: totalsOf(paid),
    },
  }
}

export function batchCancelled(
  batch: Batch,
  requestCount: number,
  cause: EventCause,
): EventMessage<'BatchCancelled'> {
  return {
    envelope: envelopeOf('BatchCancelled', batch, cause),
    payload: { ...head(batch), fromStatus: 'DRAFT', toStatus: batch.status, requestCount },
  }
}
