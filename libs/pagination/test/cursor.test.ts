import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { decodeCursor, encodeCursor, pageOf, pageQuerySchema } from '../src/index.ts'

const position = z.object({ createdAt: z.string(), id: z.uuid() })

describe('cursor', () => {
  it('should round-trip a position', () => {
    const value = { createdAt: '2026-12-03T10:00:00.000Z', id: '0b6f2f64-3f4c-4b7e-9a35-2a4e6d1b8c11' }

    expect(decodeCursor(encodeCursor(value), position)).toEqual(value)
  })

  it('should answer 400 for a cursor it did not make', () => {
    for (const bad of ['%%%', encodeCursor({ id: 'x' }), 'bm90IGpzb24']) {
      expect(() => decodeCursor(bad, position)).toThrow(expect.objectContaining({ status: 400 }))
    }
  })
})

describe('pageOf', () => {
  it('should return a next cursor only when a row beyond the limit exists', () => {
    const rows = [1, 2, 3]

    expect(pageOf(rows, 2, String, (row) => ({ n: row }))).toEqual({
      items: ['1', '2'],
      nextCursor: encodeCursor({ n: 2 }),
    })
    expect(pageOf(rows, 3, String, (row) => ({ n: row })).nextCursor).toBeNull()
  })
})

describe('pageQuerySchema', () => {
  it('should default the limit and refuse values out of range or unknown fields', () => {
    expect(pageQuerySchema.parse({})).toEqual({ limit: 50 })
    expect(pageQuerySchema.safeParse({ limit: '0' }).success).toBe(false)
    expect(pageQuerySchema.safeParse({ limit: '201' }).success).toBe(false)
    expect(pageQuerySchema.safeParse({ other: '1' }).success).toBe(false)
  })
})
