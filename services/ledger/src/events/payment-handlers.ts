import type { EventMessage } from '@pay/contracts'
import type { PoolClient } from '@pay/db'
import type { Logger } from '@pay/logging'
import type { EventHandlers } from '@pay/messaging'

import { AccountCache } from '../db/account-cache.ts'
import { hasEntry, lockRequest } from '../db/journal-store.ts'
import { parkSettlement, takeParkedSettlement } from '../db/parked-settlements-store.ts'
import { accrualOf, settlementOf } from '../domain/journal.ts'
import type { EventCause } from './event-cause.ts'
import { postEntry } from './journal-poster.ts'
import { payableRequestOf } from './payable-request-of.ts'

/**
 * `RequestApproved` posts the accrual, `RequestPaid` the settlement. The two events travel on
 * different topics, so a payment may arrive first: it is parked and posted once the accrual is.
 * Each request gets one accrual and at most one settlement, however often the events come.
 */
export function paymentHandlers(cache: AccountCache = new AccountCache()): EventHandlers {
  return {
    RequestApproved: async (event, { client, logger }) => {
      const request = payableRequestOf(event.payload)
      await lockRequest(client, request.requestId)

      const accrual = await postEntry(
        client,
        accrualOf(request),
        event.envelope.eventId,
        causeOf(event),
        cache,
      )
      if (accrual === undefined) {
        logger.info({ requestId: request.requestId }, 'accrual already posted')
      }
      await settleParked(client, request.requestId, logger, cache)
    },

    RequestPaid: async (event, { client, logger }) => {
      const request = payableRequestOf(event.payload)
      await lockRequest(client, request.requestId)

      if (!(await hasEntry(client, request.requestId, 'ACCRUAL'))) {
        const parked = await parkSettlement(client, {
          request,
          sourceEventId: event.envelope.eventId,
          correlationId: event.envelope.correlationId,
        })
        logger.info({ requestId: request.requestId, parked }, 'payment before approval; settlement parked')
        return
      }

      const settlement = await postEntry(
        client,
        settlementOf(request),
        event.envelope.eventId,
        causeOf(event),
        cache,
      )
      if (settlement === undefined) {
        logger.info({ requestId: request.requestId }, 'settlement already posted')
      }
    },
  }
}

/**
 * Posts the request's parked settlement, if one waits. The caller holds the request's lock and
 * knows the accrual exists; the parked row goes in the same transaction as the posting.
 */
export async function settleParked(
  client: PoolClient,
  requestId: string,
  logger: Logger,
  cache?: AccountCache,
): Promise<boolean> {
  const parked = await takeParkedSettlement(client, requestId)
  if (parked === undefined) {
    return false
  }

  await postEntry(
    client,
    settlementOf(parked.request),
    parked.sourceEventId,
    {
      actorId: null,
      correlationId: parked.correlationId,
      causationId: parked.sourceEventId,
    },
    cache,
  )
  logger.info({ requestId, parkedAt: parked.parkedAt }, 'parked settlement posted')

  return true
}

function causeOf(event: EventMessage): EventCause {
  return { actorId: null, correlationId: event.envelope.correlationId, causationId: event.envelope.eventId }
}
