import type { EventMessage } from '@pay/contracts'
import type { PoolClient } from '@pay/db'
import { appendToOutbox } from '@pay/messaging'
import type { Logger } from '@pay/logging'

import { lockBatch } from '../db/batches.ts'
import { findRequest, lockRequest, setRequestStatus } from '../db/payment-requests.ts'
import type { Batch } from '../domain/batch.ts'
import type { PaymentRequest } from '../domain/payment-request.ts'
import { canMoveRequest } from '../domain/state-machine.ts'
import type { EventCause } from '../events/event-cause.ts'
import { requestStatusChanged } from '../events/request-events.ts'
import { progressBatch } from './batch-progress.ts'

export interface Decision {
  requestId: string
  outcome: 'APPROVED' | 'REJECTED'
  /** The final approver, or the one who rejected. */
  decidedBy: string
  decidedAt: Date
  comment: string | null
}

/** Thrown for an approval event this service cannot apply; the consumer dead-letters it. */
export class UnappliableEventError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnappliableEventError'
  }
}

/** The approval service queued the request: SUBMITTED → PENDING_APPROVAL (later states stay). */
export async function applyQueuedForApproval(
  client: PoolClient,
  requestId: string,
  cause: EventCause,
  logger: Logger,
): Promise<void> {
  const { request } = await lockBatchAndRequest(client, requestId)
  if (request.status !== 'SUBMITTED') {
    logger.info({ requestId, status: request.status }, 'request already past SUBMITTED; queue event ignored')
    return
  }

  const pending = await setRequestStatus(client, requestId, 'PENDING_APPROVAL')
  await appendToOutbox(client, [requestStatusChanged(pending, 'SUBMITTED', null, cause)])
}

/**
 * Applies an approval decision. A decision for a request still SUBMITTED (its queue event not yet
 * applied) moves it through PENDING_APPROVAL in the same transaction; a decision already applied
 * is ignored; a decision contradicting the stored one cannot be applied and is dead-lettered.
 * The first decision of a batch starts its processing; the last one may complete it.
 */
export async function applyDecision(
  client: PoolClient,
  decision: Decision,
  cause: EventCause,
  logger: Logger,
): Promise<void> {
  const located = await lockBatchAndRequest(client, decision.requestId)
  const { batch } = located
  let { request } = located
  const events: EventMessage[] = []

  if (request.status === 'SUBMITTED') {
    request = await setRequestStatus(client, request.id, 'PENDING_APPROVAL')
    events.push(requestStatusChanged(request, 'SUBMITTED', null, cause))
  }

  if (!canMoveRequest(request.status, decision.outcome)) {
    if (
      request.status === decision.outcome ||
      (decision.outcome === 'APPROVED' && request.status === 'PAID')
    ) {
      logger.info({ requestId: request.id, status: request.status }, 'decision already applied; ignored')
      return
    }

    throw new UnappliableEventError(`a ${request.status} request cannot become ${decision.outcome}`)
  }

  const decided = await setRequestStatus(client, request.id, decision.outcome, {
    decidedAt: decision.decidedAt,
    decidedBy: decision.decidedBy,
    comment: decision.comment,
  })
  events.push(requestStatusChanged(decided, 'PENDING_APPROVAL', decision.comment, cause))
  events.push(...(await progressBatch(client, batch, cause)))
  await appendToOutbox(client, events)
}

async function lockBatchAndRequest(
  client: PoolClient,
  requestId: string,
): Promise<{ batch: Batch; request: PaymentRequest }> {
  const batchId = (await findRequest(client, requestId))?.batchId
  const batch = batchId === undefined ? undefined : await lockBatch(client, batchId, 'update')
  const request = batch === undefined ? undefined : await lockRequest(client, requestId)
  if (batch === undefined || request === undefined) {
    throw new UnappliableEventError(`no payment request ${requestId}`)
  }

  return { batch, request }
}
