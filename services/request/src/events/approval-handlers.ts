import type { EventMessage } from '@pay/contracts'
import type { EventHandlers } from '@pay/messaging'

import { applyDecision, applyQueuedForApproval } from '../commands/approval-commands.ts'
import type { EventCause } from './event-cause.ts'

/** Events this service emits in reaction carry the decision's correlation id and point back at it. */
function causeOf(event: EventMessage, actorId: string | null): EventCause {
  return { actorId, correlationId: event.envelope.correlationId, causationId: event.envelope.eventId }
}

/** The approval service's events move requests through their decision states. */
export const approvalHandlers: EventHandlers = {
  RequestQueuedForApproval: async (event, { client, logger }) => {
    await applyQueuedForApproval(client, event.payload.requestId, causeOf(event, null), logger)
  },

  RequestApproved: async (event, { client, logger }) => {
    const { payload } = event
    const decidedBy = payload.approverIds.at(-1) ?? event.envelope.actorId
    if (decidedBy === null) {
      throw new Error('an approval names no approver')
    }

    await applyDecision(
      client,
      {
        requestId: payload.requestId,
        outcome: 'APPROVED',
        decidedBy,
        decidedAt: payload.decidedAt,
        comment: payload.comment,
      },
      causeOf(event, decidedBy),
      logger,
    )
  },

  RequestRejected: async (event, { client, logger }) => {
    const { payload } = event
    await applyDecision(
      client,
      {
        requestId: payload.requestId,
        outcome: 'REJECTED',
        decidedBy: payload.approverId,
        decidedAt: payload.decidedAt,
        comment: payload.comment,
      },
      causeOf(event, payload.approverId),
      logger,
    )
  },
}
