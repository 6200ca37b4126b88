import type { PoolClient } from '@pay/db'
import type { Principal } from '@pay/service-auth'

import { findBatch, lockBatch } from '../db/batches.ts'
import { findRequest, lockRequest } from '../db/payment-requests.ts'
import type { Queryable } from '../db/queryable.ts'
import { canSeeBatch } from '../domain/access.ts'
import type { Batch } from '../domain/batch.ts'
import type { PaymentRequest } from '../domain/payment-request.ts'
import { requestError } from '../errors.ts'

/** A batch the principal may see, locked as asked; an invisible batch is as absent as a missing one. */
export async function lockVisibleBatch(
  client: PoolClient,
  principal: Principal,
  batchId: string,
  mode: 'update' | 'share',
): Promise<Batch> {
  const batch = await lockBatch(client, batchId, mode)
  if (batch === undefined || !canSeeBatch(principal, batch.createdBy)) {
    throw requestError('BATCH_NOT_FOUND')
  }

  return batch
}

export async function visibleBatch(client: Queryable, principal: Principal, batchId: string): Promise<Batch> {
  const batch = await findBatch(client, batchId)
  if (batch === undefined || !canSeeBatch(principal, batch.createdBy)) {
    throw requestError('BATCH_NOT_FOUND')
  }

  return batch
}

/**
 * Locks a request and, first, its batch (the product-wide lock order). Without `batchId` the
 * batch is looked up from the request; with it, a request of another batch is not found.
 */
export async function lockVisibleRequest(
  client: PoolClient,
  principal: Principal,
  requestId: string,
  options: { batchId?: string; batchMode: 'update' | 'share' },
): Promise<{ batch: Batch; request: PaymentRequest }> {
  const batchId = options.batchId ?? (await findRequest(client, requestId))?.batchId
  if (batchId === undefined) {
    throw requestError('REQUEST_NOT_FOUND')
  }

  const batch = await lockBatch(client, batchId, options.batchMode)
  if (batch === undefined || !canSeeBatch(principal, batch.createdBy)) {
    throw requestError(options.batchId === undefined ? 'REQUEST_NOT_FOUND' : 'BATCH_NOT_FOUND')
  }

  const request = await lockRequest(client, requestId)
  if (request === undefined || request.batchId !== batch.id) {
    throw requestError('REQUEST_NOT_FOUND')
  }

  return { batch, request }
}

export async function visibleRequest(
  client: Queryable,
  principal: Principal,
  requestId: string,
): Promise<{ batch: Batch; request: PaymentRequest }> {
  const request = await findRequest(client, requestId)
  const batch = request === undefined ? undefined : await findBatch(client, request.batchId)
  if (request === undefined || batch === undefined || !canSeeBatch(principal, batch.createdBy)) {
    throw requestError('REQUEST_NOT_FOUND')
  }

  return { batch, request }
}
