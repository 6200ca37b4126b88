import { decodeCursor, pageOf } from '@pay/pagination'
import { idempotent, type ServiceContext } from '@pay/runtime'
import type { HttpServer } from '@pay/http'

import { cancelBatch, createBatch, submitBatch, type BatchWithRequests } from '../commands/batch-commands.ts'
import { visibleBatch } from '../commands/locate.ts'
import { listBatches, totalsOfBatches } from '../db/batches.ts'
import { requestsOfBatch } from '../db/payment-requests.ts'
import { ownerFilterOf } from '../domain/access.ts'
import { batchStatementOf } from '../domain/batch-statement.ts'
import { renderBatchSoaPdf } from '../soa/batch-soa-pdf.ts'
import { renderBatchSoaXlsx } from '../soa/batch-soa-xlsx.ts'
import { actorOf, causeOf } from './actor.ts'
import { etagOf } from './if-match.ts'
import { presentBatch, presentBatchSummary } from './presenters.ts'
import {
  batchParams,
  createBatchBody,
  emptyBody,
  listBatchesQuery,
  seqCursor,
  soaExportQuery,
} from './schemas.ts'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function batchRoutes(app: HttpServer, context: ServiceContext): void {
  const { pool } = context

  app.get('/batches', { schema: { querystring: listBatchesQuery } }, async (request) => {
    const actor = actorOf(request)
    const { limit, cursor, status } = request.query
    const batches = await listBatches(pool, {
      createdBy: ownerFilterOf(actor),
      status,
      beforeSeq: cursor === undefined ? undefined : BigInt(decodeCursor(cursor, seqCursor).seq),
      limit: limit + 1,
    })
    const totals = await totalsOfBatches(
      pool,
      batches.map((batch) => batch.id),
    )

    return pageOf(
      batches,
      limit,
      (batch) => presentBatchSummary(batch, totals.get(batch.id) ?? []),
      (batch) => ({ seq: batch.seq.toString() }),
    )
  })

  app.post('/batches', { schema: { body: createBatchBody } }, async (request, reply) => {
    const actor = actorOf(request)

    return idempotent(request, reply, context, async (client) =>
      batchAnswer(201, await createBatch(client, actor, request.body.title, causeOf(request, actor))),
    )
  })

  app.get('/batches/:batchId', { schema: { params: batchParams } }, async (request, reply) => {
    const actor = actorOf(request)
    const batch = await visibleBatch(pool, actor, request.params.batchId)
    const requests = await requestsOfBatch(pool, batch.id, { lock: false })

    return reply.header('etag', etagOf(batch.version)).send(presentBatch(batch, requests))
  })

  app.post(
    '/batches/:batchId/submit',
    { schema: { params: batchParams, body: emptyBody } },
    async (request, reply) => {
      const actor = actorOf(request)

      return idempotent(request, reply, context, async (client) =>
        batchAnswer(200, await submitBatch(client, actor, request.params.batchId, causeOf(request, actor))),
      )
    },
  )

  app.post(
    '/batches/:batchId/cancel',
    { schema: { params: batchParams, body: emptyBody } },
    async (request, reply) => {
      const actor = actorOf(request)

      return idempotent(request, reply, context, async (client) =>
        batchAnswer(200, await cancelBatch(client, actor, request.params.batchId, causeOf(request, actor))),
      )
    },
  )

  app.get(
    '/batches/:batchId/soa-export',
    { schema: { params: batchParams, querystring: soaExportQuery } },
    async (request, reply) => {
      const actor = actorOf(request)
      const batch = await visibleBatch(pool, actor, request.params.batchId)
      const statement = batchStatementOf(batch, await requestsOfBatch(pool, batch.id, { lock: false }))
      const { format } = request.query
      const file = format === 'pdf' ? await renderBatchSoaPdf(statement) : await renderBatchSoaXlsx(statement)

      return reply
        .header('content-type', format === 'pdf' ? 'application/pdf' : XLSX_TYPE)
        .header('content-disposition', `attachment; filename="soa-batch-${batch.id}.${format}"`)
        .send(file)
    },
  )
}

function batchAnswer(status: number, result: BatchWithRequests) {
  return { status, body: presentBatch(result.batch, result.requests) }
}
