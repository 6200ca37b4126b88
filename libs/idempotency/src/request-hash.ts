import { createHash } from 'node:crypto'

import { commonError } from '@pay/errors'

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/

/** Validates the `Idempotency-Key` header: printable ASCII, 1–255 characters. */
export function parseIdempotencyKey(header: unknown): string {
  const value = Array.isArray(header) ? header[0] : header
  if (typeof value !== 'string' || value.length === 0) {
    throw commonError('IDEMPOTENCY_KEY_REQUIRED')
  }

  if (!KEY_PATTERN.test(value)) {
    throw commonError('VALIDATION_FAILED', 'the Idempotency-Key header is not valid', {
      fields: [{ path: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' }],
    })
  }

  return value
}

/**
 * A fingerprint of the request: method, the path as sent, and the body in a canonical form
 * (object keys sorted), so a client that re-serialises the same body still matches.
 */
export function requestHash(parts: { method: string; path: string; body?: unknown }): string {
  return createHash('sha256')
    .update(parts.method.toUpperCase())
    .update('\u0000')
    .update(parts.path)
    .update('\u0000')
    .update(canonicalJson(parts.body ?? null))
    .digest('hex')
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`
  }

  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }

  return JSON.stringify(value) ?? 'null'
}
