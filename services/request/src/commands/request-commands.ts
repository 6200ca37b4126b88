import { randomUUID } from 'node:crypto'

import type { PoolClient } from '@pay/db'
import { commonError } from '@pay/errors'
import { appendToOutbox } from '@pay/messaging'
import { requireRole, type Principal } from '@pay/service-auth'

import { findMasterRecord } from '../db/master-data.ts'
import { insertRequest, setRequestStatus, updateRequestContent } from '../db/payment-requests.ts'
import type { Queryable } from '../db/queryable.ts'
import { requireBatchWriter } from '../domain/access.ts'
import { snapshotPayee, type PayeeSnapshot } from '../domain/payee.ts'
import type { PaymentRequest } from '../domain/payment-request.ts'
import {
  patchRequestFields,
  requestFieldsFrom,
  type RequestFields,
  type RequestInput,
} from '../domain/request-fields.ts'
import { canMoveRequest } from '../domain/state-machine.ts'
import { requestError } from '../errors.ts'
import type { EventCause } from '../events/event-cause.ts'
import { requestPaid, requestSnapshotEvent } from '../events/request-events.ts'
import { progressBatch } from './batch-progress.ts'
import { lockVisibleBatch, lockVisibleRequest } from './locate.ts'

export async function createRequest(
  client: PoolClient,
  principal: Principal,
  batchId: string,
  input: RequestInput,
  cause: EventCause,
): Promise<PaymentRequest> {
  requireBatchWriter(principal)
  const fields = requestFieldsFrom(input)

  const batch = await lockVisibleBatch(client, principal, batchId, 'share')
  if (batch.status !== 'DRAFT') {
    throw requestError('BATCH_NOT_DRAFT')
  }

  const payee = await payeeSnapshotOf(client, fields)
  const request = await insertRequest(client, {
    id: randomUUID(),
    batchId,
    createdBy: principal.userId,
    fields,
    payee,
  })
  await appendToOutbox(client, [requestSnapshotEvent('RequestCreated', request, cause)])

  return request
}

/**
 * Edits a DRAFT request of a DRAFT batch. `expectedVersion` is the client's If-Match: a request
 * that changed since the client read it is refused with 412 instead of silently overwritten.
 */
export async function updateRequest(
  client: PoolClient,
  principal: Principal,
  target: { batchId: string; requestId: string; expectedVersion: bigint | undefined },
  patch: RequestInput,
  cause: EventCause,
): Promise<PaymentRequest> {
  requireBatchWriter(principal)

  const { batch, request } = await lockVisibleRequest(client, principal, target.requestId, {
    batchId: target.batchId,
    batchMode: 'share',
  })
  if (target.expectedVersion !== undefined && target.expectedVersion !== request.version) {
    throw commonError('PRECONDITION_FAILED')
  }

  if (batch.status !== 'DRAFT' || request.status !== 'DRAFT') {
    throw requestError('REQUEST_NOT_DRAFT')
  }

  const fields = patchRequestFields(request.fields, patch)
  const payee = await payeeSnapshotOf(client, fields)
  const updated = await updateRequestContent(client, request.id, fields, payee)
  await appendToOutbox(client, [requestSnapshotEvent('RequestUpdated', updated, cause)])

  return updated
}

/** APPROVED → PAID, by an admin; the ledger posts the settlement from the RequestPaid event. */
export async function markPaid(
  client: PoolClient,
  principal: Principal,
  requestId: string,
  cause: EventCause,
): Promise<PaymentRequest> {
  requireRole(principal, 'ADMIN')

  const { batch, request } = await lockVisibleRequest(client, principal, requestId, { batchMode: 'update' })
  if (!canMoveRequest(request.status, 'PAID')) {
    throw requestError('INVALID_TRANSITION', `a ${request.status} request cannot be marked paid`)
  }

  const paid = await setRequestStatus(client, request.id, 'PAID', { paidBy: principal.userId })
  const batchEvents = await progressBatch(client, batch, cause)
  await appendToOutbox(client, [requestPaid(paid, cause), ...batchEvents])

  return paid
}

async function payeeSnapshotOf(db: Queryable, fields: RequestFields): Promise<PayeeSnapshot | null> {
  if (fields.kind === 'LEGACY') {
    return null
  }

  const payee =
    fields.entityType === 'VENDOR'
      ? await findMasterRecord(db, 'VENDOR', fields.vendorId!)
      : await findMasterRecord(db, 'SUBCONTRACTOR', fields.subcontractorId!)
  const site = await findMasterRecord(db, 'SITE', fields.siteId)

  return snapshotPayee(fields, { payee, site })
}
