import type { EventMessage } from '@pay/contracts'
import type { PoolClient } from '@pay/db'

import { setBatchStatus } from '../db/batches.ts'
import { requestStatusesOfBatch, requestsOfBatch } from '../db/payment-requests.ts'
import { enqueueSoaRender } from '../db/render-jobs.ts'
import type { Batch } from '../domain/batch.ts'
import { batchProgressAfter } from '../domain/batch-progress.ts'
import { batchCompleted, batchProcessingStarted } from '../events/batch-events.ts'
import type { EventCause } from '../events/event-cause.ts'

/**
 * Moves a batch along after one of its requests changed status; the caller holds the batch's row
 * lock, and every request change takes it first, so the statuses read here cannot shift. Completion
 * records the SOA render job in the same transaction, so the batch SOA cannot be forgotten.
 */
export async function progressBatch(
  client: PoolClient,
  batch: Batch,
  cause: EventCause,
): Promise<EventMessage[]> {
  // Most decisions move nothing: read the statuses only, and the full requests (for the totals the
  // events carry) only when the batch does move. This runs under the batch lock on every decision.
  const progress = batchProgressAfter(batch.status, await requestStatusesOfBatch(client, batch.id))
  if (!progress.startProcessing && !progress.complete) {
    return []
  }

  const requests = await requestsOfBatch(client, batch.id, { lock: false })
  const events: EventMessage[] = []
  let current = batch

  if (progress.startProcessing) {
    current = await setBatchStatus(client, batch.id, 'PROCESSING')
    events.push(batchProcessingStarted(current, requests, cause))
  }

  if (progress.complete) {
    const from = current.status
    current = await setBatchStatus(client, batch.id, 'COMPLETED')
    const completed = batchCompleted(current, from, requests, cause)
    events.push(completed)
    await enqueueSoaRender(client, {
      batchId: batch.id,
      correlationId: cause.correlationId,
      causationId: completed.envelope.eventId,
    })
  }

  return events
}
