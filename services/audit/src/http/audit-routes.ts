import type { HttpServer } from '@pay/http'
import { decodeCursor, pageOf } from '@pay/pagination'
import type { ServiceContext } from '@pay/runtime'
import { principalOf, requireRole } from '@pay/service-auth'
import type { FastifyRequest } from 'fastify'

import { listEntries } from '../db/list-entries.ts'
import { verifyChain } from '../db/verify-chain.ts'
import type { AuditConfig } from '../service-config.ts'
import { auditQuerySchema, listCursorSchema, verifyQuerySchema } from './audit-query.ts'
import { entryView } from './entry-view.ts'

/** Runs before validation, so a caller without the role learns nothing about the query it sent. */
async function requireAuditReader(request: FastifyRequest): Promise<void> {
  requireRole(principalOf(request), 'ADMIN', 'VIEWER')
}

export function registerAuditRoutes(app: HttpServer, context: ServiceContext<AuditConfig>): void {
  app.get(
    '/audit',
    { onRequest: requireAuditReader, schema: { querystring: auditQuerySchema } },
    async (request) => {
      const { limit, cursor, ...filter } = request.query
      const after = cursor === undefined ? undefined : decodeCursor(cursor, listCursorSchema)
      const position =
        after === undefined
          ? undefined
          : { occurredAt: new Date(after.occurredAt), sequence: BigInt(after.sequence) }
      const entries = await listEntries(context.pool, filter, limit + 1, position)

      return pageOf(entries, limit, entryView, (entry) => ({
        occurredAt: entry.occurredAt.toISOString(),
        sequence: entry.sequence.toString(),
      }))
    },
  )

  app.get(
    '/audit/verify',
    { onRequest: requireAuditReader, schema: { querystring: verifyQuerySchema } },
    async () => verifyChain(context.pool, { pageSize: context.config.AUDIT_VERIFY_PAGE_SIZE }),
  )
}
