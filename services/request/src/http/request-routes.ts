import type { HttpServer } from '@pay/http'
import { decodeCursor, pageOf } from '@pay/pagination'
import { idempotent, type ServiceContext } from '@pay/runtime'

import { visibleRequest } from '../commands/locate.ts'
import { createRequest, markPaid, updateRequest } from '../commands/request-commands.ts'
import { listRequests } from '../db/payment-requests.ts'
import { ownerFilterOf } from '../domain/access.ts'
import { requestError } from '../errors.ts'
import { actorOf, causeOf } from './actor.ts'
import { etagOf, expectedVersionOf } from './if-match.ts'
import { presentRequest } from './presenters.ts'
import {
  batchParams,
  batchRequestParams,
  createRequestBody,
  emptyBody,
  listRequestsQuery,
  patchRequestBody,
  requestParams,
  seqCursor,
} from './schemas.ts'

export function requestRoutes(app: HttpServer, context: ServiceContext): void {
  const { pool } = context

  app.post(
    '/batches/:batchId/requests',
    { schema: { params: batchParams, body: createRequestBody } },
    async (request, reply) => {
      const actor = actorOf(request)

      return idempotent(request, reply, context, async (client) => {
        const created = await createRequest(
          client,
          actor,
          request.params.batchId,
          request.body,
          causeOf(request, actor),
        )

        return { status: 201, body: presentRequest(created) }
      })
    },
  )

  app.get(
    '/batches/:batchId/requests/:requestId',
    { schema: { params: batchRequestParams } },
    async (request, reply) => {
      const actor = actorOf(request)
      const found = await visibleRequest(pool, actor, request.params.requestId)
      if (found.batch.id !== request.params.batchId) {
        throw requestError('REQUEST_NOT_FOUND')
      }

      return reply.header('etag', etagOf(found.request.version)).send(presentRequest(found.request))
    },
  )

  app.patch(
    '/batches/:batchId/requests/:requestId',
    { schema: { params: batchRequestParams, body: patchRequestBody } },
    async (request, reply) => {
      const actor = actorOf(request)
      const expectedVersion = expectedVersionOf(request.headers['if-match'])

      return idempotent(request, reply, context, async (client) => {
        const updated = await updateRequest(
          client,
          actor,
          { ...request.params, expectedVersion },
          request.body,
          causeOf(request, actor),
        )

        return { status: 200, body: presentRequest(updated) }
      })
    },
  )

  app.get('/requests', { schema: { querystring: listRequestsQuery } }, async (request) => {
    const actor = actorOf(request)
    const { limit, cursor, status, batchId } = request.query
    const requests = await listRequests(pool, {
      batchOwner: ownerFilterOf(actor),
      status,
      batchId,
      afterSeq: cursor === undefined ? undefined : BigInt(decodeCursor(cursor, seqCursor).seq),
      limit: limit + 1,
    })

    return pageOf(requests, limit, presentRequest, (item) => ({ seq: item.seq.toString() }))
  })

  app.get('/requests/:requestId', { schema: { params: requestParams } }, async (request, reply) => {
    const actor = actorOf(request)
    const found = await visibleRequest(pool, actor, request.params.requestId)

    return reply.header('etag', etagOf(found.request.version)).send(presentRequest(found.request))
  })

  app.post(
    '/requests/:requestId/mark-paid',
    { schema: { params: requestParams, body: emptyBody } },
    async (request, reply) => {
      const actor = actorOf(request)

      return idempotent(request, reply, context, async (client) => {
        const paid = await markPaid(client, actor, request.params.requestId, causeOf(request, actor))

        return { status: 200, body: presentRequest(paid) }
      })
    },
  )
}
