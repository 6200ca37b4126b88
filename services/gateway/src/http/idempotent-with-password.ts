import { createHmac } from 'node:crypto'

import { translateDatabaseError, type ConstraintErrors, type PoolClient } from '@pay/db'
import { parseIdempotencyKey, requestHash, runIdempotent, type CommandResult } from '@pay/idempotency'
import { principalOf } from '@pay/service-auth'
import type { FastifyReply, FastifyRequest } from 'fastify'

import type { Gateway } from '../gateway.ts'

/**
 * Like the runtime's `idempotent`, for a body holding a password. The stored request hash is a
 * plain SHA-256 of the body, and a fast hash of a password in a table is an offline guessing
 * target, so the password is replaced by an HMAC under a server secret before hashing: a retry
 * with the same password still matches, and the table reveals nothing about it.
 */
export async function idempotentWithPassword(
  request: FastifyRequest<{ Body: { password: string } }>,
  reply: FastifyReply,
  gateway: Gateway,
  command: (client: PoolClient) => Promise<CommandResult>,
  constraints: ConstraintErrors = {},
): Promise<FastifyReply> {
  const principal = principalOf(request)
  const password = createHmac('sha256', gateway.config.JWT_SECRET)
    .update('idempotency-fingerprint\u0000')
    .update(request.body.password)
    .digest('hex')
  const scope = {
    userId: principal.userId,
    route: `${request.method} ${request.routeOptions.url ?? request.url}`,
    key: parseIdempotencyKey(request.headers['idempotency-key']),
    requestHash: requestHash({
      method: request.method,
      path: request.url,
      body: { ...request.body, password },
    }),
  }
  const ttlMs = gateway.config.IDEMPOTENCY_TTL_HOURS * 60 * 60 * 1000

  try {
    const outcome = await runIdempotent(gateway.service.pool, scope, { ttlMs }, command)
    reply.code(outcome.status).type('application/json; charset=utf-8')
    if (outcome.replayed) {
      reply.header('idempotent-replayed', 'true')
    }

    return reply.send(outcome.body)
  } catch (error) {
    throw translateDatabaseError(error, constraints)
  }
}
