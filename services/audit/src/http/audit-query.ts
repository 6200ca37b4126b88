import { eventTypes } from '@pay/contracts'
import { pageQuerySchema } from '@pay/pagination'
import { z } from 'zod'

const text = z.string().trim().min(1).max(200)
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value))

/** `GET /audit` filters; `from` is inclusive, `to` exclusive, both on the time the event occurred. */
export const auditQuerySchema = pageQuerySchema
  .extend({
    entityType: text.optional(),
    entityId: text.optional(),
    actorId: text.optional(),
    eventType: z.enum(eventTypes).optional(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from < query.to, {
    path: ['to'],
    error: 'must be later than from',
  })

export type AuditQuery = z.output<typeof auditQuerySchema>

/** What an audit list cursor holds: the sort key of the last entry of the page. */
export const listCursorSchema = z.strictObject({
  occurredAt: z.iso.datetime(),
  sequence: z.string().regex(/^[1-9][0-9]{0,18}$/),
})

export const verifyQuerySchema = z.strictObject({})
