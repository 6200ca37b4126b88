import { currencySchema, amountSchema } from '@pay/money'
import { pageQuerySchema } from '@pay/pagination'
import { z } from 'zod'

import { batchStatuses, requestStatuses } from '../domain/state-machine.ts'

const text = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max)

export const batchParams = z.strictObject({ batchId: z.uuid() })
export const requestParams = z.strictObject({ requestId: z.uuid() })
export const batchRequestParams = z.strictObject({ batchId: z.uuid(), requestId: z.uuid() })
export const soaVersionParams = z.strictObject({
  requestId: z.uuid(),
  version: z.coerce.number().int().min(1).max(1_000_000),
})

export const createBatchBody = z.strictObject({ title: text(200) })

/** Commands without options accept no body or an empty object, never unknown fields. */
export const emptyBody = z.strictObject({}).nullish()

/**
 * Both kinds of request in one shape: which fields are present decides the kind, and the domain
 * says which are missing or do not belong. `totalAmount` is not here: the server computes it, and
 * a client sending it gets "unknown field".
 */
const requestFields = {
  amount: amountSchema.optional(),
  beneficiaryName: text(200).optional(),
  beneficiaryAccount: text(64).optional(),
  purpose: text(500).optional(),
  entityType: z.enum(['VENDOR', 'SUBCONTRACTOR']).optional(),
  vendorId: z.uuid().nullable().optional(),
  subcontractorId: z.uuid().nullable().optional(),
  siteId: z.uuid().optional(),
  baseAmount: amountSchema.optional(),
  extraAmount: amountSchema.optional(),
  extraReason: text(500).nullable().optional(),
}

export const createRequestBody = z.strictObject({ currency: currencySchema, ...requestFields })
export const patchRequestBody = z.strictObject({ currency: currencySchema.optional(), ...requestFields })

export const listBatchesQuery = pageQuerySchema.extend({ status: z.enum(batchStatuses).optional() })

export const listRequestsQuery = pageQuerySchema.extend({
  status: z.enum(requestStatuses).optional(),
  batchId: z.uuid().optional(),
})

export const soaListQuery = pageQuerySchema

export const soaExportQuery = z.strictObject({ format: z.enum(['pdf', 'xlsx']).default('pdf') })

/** The position a list cursor carries: the last item's sequence number. */
export const seqCursor = z.strictObject({ seq: z.string().regex(/^\d{1,19}$/) })
export const versionCursor = z.strictObject({ version: z.number().int().min(1) })
