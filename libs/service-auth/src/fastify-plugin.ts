import type { FastifyInstance, FastifyRequest } from 'fastify'
import { commonError } from '@pay/errors'
// Brings the `bindUser` request decorator of the shared HTTP base into scope.
import type {} from '@pay/http'

import type { InternalTokenVerifier } from './internal-token.ts'
import type { Principal } from './principal.ts'

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
  }
}

const OPEN_PATHS = new Set(['/healthz', '/readyz', '/metrics'])

/**
 * Every route of a service requires the gateway's internal token except health and metrics.
 * Bare identity headers are never trusted: the principal comes from the verified token only.
 */
export function registerServiceAuth(app: FastifyInstance, verify: InternalTokenVerifier): void {
  app.decorateRequest('principal', null)
  app.addHook('onRequest', async (request) => {
    if (OPEN_PATHS.has(request.url.split('?')[0] ?? '')) {
      return
    }

    const header = request.headers.authorization
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined
    request.principal = await verify(token)
    request.bindUser(request.principal.userId)
  })
}

/** The caller of a route that passed `registerServiceAuth`. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) {
    throw commonError('UNAUTHENTICATED')
  }

  return request.principal
}
