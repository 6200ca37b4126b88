import { commonError } from '@pay/errors'
import { z } from 'zod'

/** `?limit=&cursor=` as every list route accepts it. */
export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
})

export type PageQuery = z.output<typeof pageQuerySchema>

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/** An opaque cursor: the sort key of the last item returned, base64url JSON. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url')
}

/** Reads a cursor back; anything that is not one this service made is a 400, not a 500. */
export function decodeCursor<Schema extends z.ZodType>(cursor: string, schema: Schema): z.output<Schema> {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw invalidCursor()
  }

  const result = schema.safeParse(parsed)
  if (!result.success) {
    throw invalidCursor()
  }

  return result.data
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells whether another page
 * exists, and the cursor points at the last row actually returned.
 */
export function pageOf<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  positionOf: (row: Row) => unknown,
): Page<Item> {
  const visible = rows.slice(0, limit)
  const last = visible.at(-1)

  return {
    items: visible.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null,
  }
}

function invalidCursor() {
  return commonError('VALIDATION_FAILED', 'the cursor is not valid', {
    fields: [{ path: 'cursor', message: 'is not a cursor returned by this list' }],
  })
}
