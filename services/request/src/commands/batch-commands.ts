import { randomUUID } from 'node:crypto'

import type { PoolClient } from '@pay/db'
import { appendToOutbox } from '@pay/messaging'
import type { Principal } from '@pay/service-auth'

import { insertBatch, setBatchStatus } from '../db/batches.ts'
import { requestsOfBatch, submitRequestsOfBatch } from '../db/payment-requests.ts'
import { requireBatchWriter } from '../domain/access.ts'
import type { Batch } from '../domain/batch.ts'
import type { PaymentRequest } from '../domain/payment-request.ts'
import { canMoveBatch } from '../domain/state-machine.ts'
import { requestError } from '../errors.ts'
import { batchCancelled, batchCreated, batchSubmitted } from '../events/batch-events.ts'
import type { EventCause } from '../events/event-cause.ts'
import { requestSnapshotEvent } from '../events/request-events.ts'
import { lockVisibleBatch } from './locate.ts'

export interface BatchWithRequests {
  batch: Batch
  requests: PaymentRequest[]
}

export async function createBatch(
  client: PoolClient,
  principal: Principal,
  title: string,
  cause: EventCause,
): Promise<BatchWithRequests> {
  requireBatchWriter(principal)

  const batch = await insertBatch(client, { id: randomUUID(), title, createdBy: principal.userId })
  await appendToOutbox(client, [batchCreated(batch, cause)])

  return { batch, requests: [] }
}

/**
 * Submits a draft batch and every request in it in one transaction: the batch is locked first,
 * then its requests in id order, so a concurrent edit, upload or second submit waits and then
 * finds the batch submitted. The approval service builds its queue from the RequestSubmitted events.
 */
export async function submitBatch(
  client: PoolClient,
  principal: Principal,
  batchId: string,
  cause: EventCause,
): Promise<BatchWithRequests> {
  requireBatchWriter(principal)

  const batch = await lockVisibleBatch(client, principal, batchId, 'update')
  if (!canMoveBatch(batch.status, 'SUBMITTED')) {
    throw requestError('INVALID_TRANSITION', `a ${batch.status} batch cannot be submitted`)
  }

  const drafts = await requestsOfBatch(client, batchId, { lock: true })
  if (drafts.length === 0) {
    throw requestError('BATCH_EMPTY')
  }

  const submitted = await setBatchStatus(client, batchId, 'SUBMITTED')
  const requests = await submitRequestsOfBatch(client, batchId)
  await appendToOutbox(client, [
    batchSubmitted(submitted, requests, cause),
    ...requests.map((request) => requestSnapshotEvent('RequestSubmitted', request, cause)),
  ])

  return { batch: submitted, requests }
}

/** Cancels a draft batch; its requests stay drafts of a dead batch and can no longer change. */
export async function cancelBatch(
  client: PoolClient,
  principal: Principal,
  batchId: string,
  cause: EventCause,
): Promise<BatchWithRequests> {
  requireBatchWriter(principal)

  const batch = await lockVisibleBatch(client, principal, batchId, 'update')
  if (!canMoveBatch(batch.status, 'CANCELLED')) {
    throw requestError('INVALID_TRANSITION', `a ${batch.status} batch cannot be cancelled`)
  }

  const cancelled = await setBatchStatus(client, batchId, 'CANCELLED')
  const requests = await requestsOfBatch(client, batchId, { lock: false })
  await appendToOutbox(client, [batchCancelled(cancelled, requests.length, cause)])

  return { batch: cancelled, requests }
}
