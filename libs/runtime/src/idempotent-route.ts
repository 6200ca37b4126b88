import { translateDatabaseError, type ConstraintErrors, type PoolClient } from '@pay/db'
import { parseIdempotencyKey, requestHash, runIdempotent, type CommandResult } from '@pay/idempotency'
import { principalOf } from '@pay/service-auth'
import type { FastifyReply, FastifyRequest } from 'fastify'

import type { ServiceContext } from './service-context.ts'

export interface IdempotentOptions {
  /** Errors for the constraints the command may violate, by constraint name. */
  constraints?: ConstraintErrors
  /**
   * What identifies the request instead of its JSON body: an upload's file digest, or a body
   * whose password must not be stored as a fast hash.
   */
  fingerprint?: unknown
}

/**
 * Runs a mutation under the caller's `Idempotency-Key`: the command, its outbox events and the
 * stored answer commit together; a retry gets the stored answer with `Idempotent-Replayed: true`.
 */
export async function idempotent(
  request: FastifyRequest,
  reply: FastifyReply,
  context: ServiceContext,
  command: (client: PoolClient) => Promise<CommandResult>,
  options: IdempotentOptions = {},
): Promise<FastifyReply> {
  const principal = principalOf(request)
  const key = parseIdempotencyKey(request.headers['idempotency-key'])
  const scope = {
    userId: principal.userId,
    route: `${request.method} ${request.routeOptions.url ?? request.url}`,
    key,
    requestHash: requestHash({
      method: request.method,
      path: request.url,
      body: 'fingerprint' in options ? options.fingerprint : request.body,
    }),
  }
  const ttlMs = context.config.IDEMPOTENCY_TTL_HOURS * 60 * 60 * 1000

  try {
    const outcome = await runIdempotent(context.pool, scope, { ttlMs }, command)
    reply.code(outcome.status).type('application/json; charset=utf-8')
    if (outcome.replayed) {
      reply.header('idempotent-replayed', 'true')
    }

    return reply.send(outcome.body)
  } catch (error) {
    throw translateDatabaseError(error, options.constraints)
  }
}
