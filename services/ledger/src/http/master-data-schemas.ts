import { pageQuerySchema } from '@pay/pagination'
import { z } from 'zod'

import type { MasterDataKind } from '../domain/master-data.ts'

const name = z.string().trim().min(1, { error: 'must not be empty' }).max(200, { error: 'is too long' })
const siteCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, {
    error: 'must be 1 to 32 letters, digits, dots, dashes or underscores, starting with a letter or digit',
  })
const id = z.uuid({ error: 'must be a UUID' })
const active = z.boolean({ error: 'must be true or false' })
const activeFilter = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((value) => value === 'true')
  .optional()

function patchOf<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .strictObject({ ...shape, active: active.optional() })
    .partial()
    .refine((body) => Object.keys(body).length > 0, { error: 'must change at least one attribute' })
}

const clientFields = { name }
const siteFields = { code: siteCode, name, clientId: id }
const vendorFields = { name, vendorTypeId: id }
const subcontractorFields = { name, scopeId: id, assignedSiteId: id.nullable() }

export interface KindSchemas {
  /** URL segment under /ledger/. */
  path: string
  create: z.ZodType<Record<string, string | null | undefined>>
  patch: z.ZodType<Record<string, string | boolean | null | undefined>>
  list: z.ZodType<{ limit: number; cursor?: string | undefined; active?: boolean | undefined }>
  /** Query parameters that filter a list on an attribute of the same name. */
  filters: readonly string[]
}

export const kindSchemas: Record<MasterDataKind, KindSchemas> = {
  client: {
    path: 'clients',
    create: z.strictObject(clientFields),
    patch: patchOf(clientFields),
    list: pageQuerySchema.extend({ active: activeFilter }),
    filters: [],
  },
  site: {
    path: 'sites',
    create: z.strictObject(siteFields),
    patch: patchOf(siteFields),
    list: pageQuerySchema.extend({ active: activeFilter, clientId: id.optional() }),
    filters: ['clientId'],
  },
  vendorType: {
    path: 'vendor-types',
    create: z.strictObject(clientFields),
    patch: patchOf(clientFields),
    list: pageQuerySchema.extend({ active: activeFilter }),
    filters: [],
  },
  vendor: {
    path: 'vendors',
    create: z.strictObject(vendorFields),
    patch: patchOf(vendorFields),
    list: pageQuerySchema.extend({ active: activeFilter, vendorTypeId: id.optional() }),
    filters: ['vendorTypeId'],
  },
  subcontractorScope: {
    path: 'subcontractor-scopes',
    create: z.strictObject(clientFields),
    patch: patchOf(clientFields),
    list: pageQuerySchema.extend({ active: activeFilter }),
    filters: [],
  },
  subcontractor: {
    path: 'subcontractors',
    create: z.strictObject({ ...subcontractorFields, assignedSiteId: id.nullable().optional() }),
    patch: patchOf(subcontractorFields),
    list: pageQuerySchema.extend({
      active: activeFilter,
      scopeId: id.optional(),
      assignedSiteId: id.optional(),
    }),
    filters: ['scopeId', 'assignedSiteId'],
  },
}

export const idParams = z.strictObject({ id })

/** The list cursor: the last item's sort key and id. */
export const masterDataCursor = z.strictObject({ sortKey: z.string(), id: z.string() })
