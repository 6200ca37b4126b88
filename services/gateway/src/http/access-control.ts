import { commonError } from '@pay/errors'
import { parseIdempotencyKey } from '@pay/idempotency'
import type { Role } from '@pay/service-auth'
import type { FastifyReply, FastifyRequest } from 'fastify'

import { authenticate } from '../auth/authenticate.ts'
import { publishSecurityEvent } from '../auth/sessions.ts'
import { isMutation } from '../domain/route-table.ts'
import type { Gateway } from '../gateway.ts'
import { clientInfoOf } from './client-info.ts'

/** Who may call a public route: anyone (the auth routes) or signed-in users with one of the roles. */
export type RouteAccess = 'public' | { roles: readonly Role[] }

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess
  }
}

/**
 * The gate every `/api/v1` request passes before its body is read: the access token, then the
 * role (a refusal is published as ACCESS_DENIED), then for mutations the per-user rate limit and
 * the Idempotency-Key. A route that declares no access needs a signed-in user of any role.
 */
export function accessControl(gateway: Gateway) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (request.routeOptions.url === undefined) {
      return
    }

    const access = request.routeOptions.config.access
    if (access === 'public') {
      return
    }

    const principal = await authenticate(gateway, request.headers.authorization)
    request.principal = principal
    request.bindUser(principal.userId)

    if (access !== undefined && !access.roles.includes(principal.role)) {
      await recordDenial(gateway, request, principal.role)
      throw commonError('FORBIDDEN', `the role ${principal.role} may not do this`)
    }

    if (!isMutation(request.method)) {
      return
    }

    const retryAfter = gateway.mutations.take(principal.userId)
    if (retryAfter !== undefined) {
      reply.header('retry-after', String(retryAfter))
      throw commonError('RATE_LIMITED', 'too many changes in a short time; slow down')
    }

    parseIdempotencyKey(request.headers['idempotency-key'])
  }
}

// A denial is reported, but failing to report it must not turn the 403 into a 500.
async function recordDenial(gateway: Gateway, request: FastifyRequest, role: Role): Promise<void> {
  const detail = `${request.method} ${request.routeOptions.url} refused to role ${role}`
  try {
    await publishSecurityEvent(
      gateway,
      { kind: 'ACCESS_DENIED', userId: request.principal?.userId, detail },
      clientInfoOf(request),
    )
  } catch (error) {
    request.log.error({ err: error }, 'could not record an access denial')
  }
}
