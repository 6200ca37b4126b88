import type { HttpServer } from '@pay/http'
import { idempotent, type ServiceContext } from '@pay/runtime'
import { principalOf, requireRole } from '@pay/service-auth'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'

import { decisionConstraints } from '../db/constraints.ts'
import type { VoteDecision } from '../domain/approval-item.ts'
import { recordDecision } from './decision-command.ts'

export const MAX_COMMENT_LENGTH = 1_000

const comment = z
  .string()
  .trim()
  .max(MAX_COMMENT_LENGTH, { error: `at most ${MAX_COMMENT_LENGTH} characters` })
const params = z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) })
// The body of an approval may be left out altogether.
const approveBody = z.strictObject({ comment: comment.optional() }).optional()
const rejectBody = z.strictObject({ comment: comment.min(1, { error: 'required' }) })

/** `POST /requests/:id/approve` and `/reject`: APPROVER or ADMIN, never the request's creator. */
export function registerDecisionRoutes(app: HttpServer, context: ServiceContext): void {
  const decideOn = async (
    request: FastifyRequest,
    reply: FastifyReply,
    requestId: string,
    decision: VoteDecision,
    comment: string | undefined,
  ) => {
    const principal = principalOf(request)
    requireRole(principal, 'APPROVER', 'ADMIN')
    const input = {
      requestId,
      approverId: principal.userId,
      decision,
      comment: comment === undefined || comment === '' ? null : comment,
      correlationId: request.id,
      now: new Date(),
    }

    return idempotent(
      request,
      reply,
      context,
      async (client) => ({ status: 200, body: await recordDecision(client, input) }),
      { constraints: decisionConstraints },
    )
  }

  app.post('/requests/:id/approve', { schema: { params, body: approveBody } }, (request, reply) =>
    decideOn(request, reply, request.params.id, 'APPROVE', request.body?.comment),
  )

  app.post('/requests/:id/reject', { schema: { params, body: rejectBody } }, (request, reply) =>
    decideOn(request, reply, request.params.id, 'REJECT', request.body.comment),
  )
}
