import type { HttpServer } from '@pay/http'
import { decodeCursor, pageOf, pageQuerySchema } from '@pay/pagination'
import type { ServiceContext } from '@pay/runtime'
import { principalOf, requireRole } from '@pay/service-auth'
import { z } from 'zod'

import { findItem, pendingQueue } from '../db/items.ts'
import { findRecord } from '../db/records.ts'
import { listVotes } from '../db/votes.ts'
import { approvalError } from '../errors.ts'
import { historyView, queueItemView } from './views.ts'

const params = z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) })
const queuePosition = z.strictObject({ seq: z.string().regex(/^[1-9]\d{0,18}$/) })

export function registerQueryRoutes(app: HttpServer, context: ServiceContext): void {
  const { pool } = context

  /** What the caller can act on: pending, not their own, not yet voted on by them; oldest first. */
  app.get('/approvals/queue', { schema: { querystring: pageQuerySchema } }, async (request) => {
    const principal = principalOf(request)
    requireRole(principal, 'APPROVER', 'ADMIN')
    const { limit, cursor } = request.query
    const after = cursor === undefined ? undefined : BigInt(decodeCursor(cursor, queuePosition).seq)
    const entries = await pendingQueue(pool, {
      approverId: principal.userId,
      limit: limit + 1,
      afterSeq: after,
    })

    return pageOf(
      entries,
      limit,
      (entry) => queueItemView(entry.item, entry.approvalCount),
      (entry) => ({ seq: entry.queueSeq.toString() }),
    )
  })

  /** Every role may read a history; a CREATOR only that of their own requests. */
  app.get('/requests/:id/approvals', { schema: { params } }, async (request) => {
    const principal = principalOf(request)
    const item = await findItem(pool, request.params.id)
    if (item === undefined || (principal.role === 'CREATOR' && item.createdBy !== principal.userId)) {
      throw approvalError('APPROVAL_NOT_FOUND')
    }

    const [votes, record] = await Promise.all([
      listVotes(pool, item.requestId),
      findRecord(pool, item.requestId),
    ])

    return historyView(item, votes, record)
  })
}
