import { topics, type EventMessage } from '@pay/contracts'
import { appendToOutbox, type HandlerContext } from '@pay/messaging'
import type { ConsumerSpec } from '@pay/runtime'

import { isBatchCancelled, recordBatchCancelled } from '../db/cancelled-batches.ts'
import { closeItemsOfBatch, insertItem } from '../db/items.ts'
import { findThreshold } from '../db/policies.ts'
import type { ApprovalItem } from '../domain/approval-item.ts'
import { applyPolicy } from '../domain/policy.ts'
import { requestQueuedForApproval } from './approval-events.ts'

export const REQUESTS_CONSUMER_GROUP = 'approval.requests'

export interface RequestEventsOptions {
  now?: () => Date
}

/** Builds the approval queue from the request service's events. */
export function requestEventsConsumer(options: RequestEventsOptions = {}): ConsumerSpec {
  const now = options.now ?? (() => new Date())

  return {
    groupId: REQUESTS_CONSUMER_GROUP,
    topics: [topics.requests],
    handlers: {
      RequestSubmitted: async (event, context) => {
        await queueSubmittedRequest(event, context, now())
      },
      BatchCancelled: async (event, { client, logger }) => {
        const { batchId } = event.payload
        await recordBatchCancelled(client, batchId, event.envelope.occurredAt)
        const closed = await closeItemsOfBatch(client, batchId, now())
        if (closed.length > 0) {
          logger.info({ batchId, closed: closed.length }, 'closed the undecided items of a cancelled batch')
        }
      },
    },
  }
}

/**
 * One queue item per request: the request id is the item's key, so a redelivered event, or the same
 * submission sent again under a new event id, adds nothing and publishes nothing.
 */
async function queueSubmittedRequest(
  event: EventMessage<'RequestSubmitted'>,
  { client, logger }: HandlerContext,
  now: Date,
): Promise<void> {
  const submitted = event.payload
  // A cancellation may overtake the submission (other Kafka key): the item is then born closed.
  const cancelled = await isBatchCancelled(client, submitted.batchId)
  const applied = applyPolicy(submitted.totalAmount, await findThreshold(client, submitted.currency))
  const item: ApprovalItem = {
    requestId: submitted.requestId,
    batchId: submitted.batchId,
    createdBy: submitted.createdBy,
    kind: submitted.kind,
    payeeName: submitted.payeeName,
    beneficiaryName: submitted.beneficiaryName,
    beneficiaryAccount: submitted.beneficiaryAccount,
    purpose: submitted.purpose,
    entityType: submitted.entityType,
    vendorId: submitted.vendorId,
    subcontractorId: submitted.subcontractorId,
    siteId: submitted.siteId,
    siteCode: submitted.siteCode,
    extraReason: submitted.extraReason,
    baseAmount: submitted.baseAmount,
    extraAmount: submitted.extraAmount,
    totalAmount: submitted.totalAmount,
    currency: submitted.currency,
    ...applied,
    status: cancelled ? 'CLOSED' : 'PENDING',
    version: 1n,
    queuedAt: now,
    closedAt: cancelled ? now : null,
  }

  if (!(await insertItem(client, item))) {
    logger.info({ requestId: item.requestId }, 'request already queued; submission ignored')
    return
  }

  if (cancelled) {
    logger.info(
      { requestId: item.requestId, batchId: item.batchId },
      'request of a cancelled batch not queued',
    )
    return
  }

  const origin = {
    actorId: event.envelope.actorId,
    correlationId: event.envelope.correlationId,
    causationId: event.envelope.eventId,
  }
  await appendToOutbox(client, [requestQueuedForApproval(item, origin)])
}
