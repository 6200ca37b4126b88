import { describe, expect, it } from 'vitest'

import { AppError } from '@pay/errors'

import { canonicalJson, parseIdempotencyKey, requestHash } from '../src/index.ts'

describe('requestHash', () => {
  it('should match when only the key order of the body differs', () => {
    const first = requestHash({
      method: 'post',
      path: '/batches',
      body: { title: 'May', extra: { b: 1, a: 2 } },
    })
    const second = requestHash({
      method: 'POST',
      path: '/batches',
      body: { extra: { a: 2, b: 1 }, title: 'May' },
    })

    expect(first).toBe(second)
  })

  it('should differ when the body, the path or the method differs', () => {
    const base = requestHash({ method: 'POST', path: '/batches', body: { title: 'May' } })

    expect(requestHash({ method: 'POST', path: '/batches', body: { title: 'June' } })).not.toBe(base)
    expect(requestHash({ method: 'POST', path: '/batches/1', body: { title: 'May' } })).not.toBe(base)
    expect(requestHash({ method: 'PUT', path: '/batches', body: { title: 'May' } })).not.toBe(base)
  })

  it('should keep array order significant', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]))
  })
})

describe('parseIdempotencyKey', () => {
  it('should accept printable keys up to 255 characters', () => {
    expect(parseIdempotencyKey('a'.repeat(255))).toHaveLength(255)
    expect(parseIdempotencyKey(['k-1', 'k-2'])).toBe('k-1')
  })

  it('should answer 400 IDEMPOTENCY_KEY_REQUIRED when the header is missing', () => {
    expect(() => parseIdempotencyKey(undefined)).toThrow(
      expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REQUIRED' }),
    )
    expect(() => parseIdempotencyKey('')).toThrow(AppError)
  })

  it('should refuse keys with spaces, control characters or too many characters', () => {
    for (const bad of ['has space', 'tab\tkey', 'a'.repeat(256), 'ünïcode']) {
      expect(() => parseIdempotencyKey(bad)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', status: 400 }),
      )
    }
  })
})
