import { commonError } from '@pay/errors'
import { principalOf, type Principal } from '@pay/service-auth'
import type { FastifyRequest } from 'fastify'

import type { EventCause } from '../events/event-cause.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The caller. User ids are stored as uuids; a token naming anything else is not one we issue. */
export function actorOf(request: FastifyRequest): Principal {
  const principal = principalOf(request)
  if (!UUID.test(principal.userId)) {
    throw commonError('UNAUTHENTICATED', 'the internal token does not name a user id')
  }

  return principal
}

/** Events of an HTTP command: the caller acts, the request id correlates. */
export function causeOf(request: FastifyRequest, principal: Principal): EventCause {
  return { actorId: principal.userId, correlationId: request.id, causationId: null }
}
