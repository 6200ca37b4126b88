export const REDACTED = '[redacted]'

// Key names whose values are credentials wherever they appear: password, newPassword,
// passwordHash, token, accessToken, refresh_token, x-internal-token, jwtSecret, authorization,
// cookie… A name that merely starts with "token" (tokenFamilyId) is an identifier, not a credential.
const SENSITIVE_KEY = /password|passwd|secret|token$|^(authorization|cookie|set-cookie|x-api-key|api-?key)$/i

// Deeper than this a log object is almost certainly not something we built on purpose;
// it is cut rather than walked, which also bounds the cost of a cyclic structure.
const MAX_DEPTH = 8

/**
 * Exact paths for the objects pino serializes itself (request and response headers), where
 * the key scrub below cannot reach because it only walks plain objects.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-internal-token"]',
  'res.headers["set-cookie"]',
]

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key)
}

/**
 * Returns a copy of a log object with the value of every sensitive key replaced, at any
 * depth of plain objects and arrays. Class instances (errors, requests) are left to pino's
 * serializers; the caller's object is never mutated.
 */
export function scrub(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) {
    return depth >= MAX_DEPTH ? '[too deep]' : value.map((item) => scrub(item, depth + 1))
  }

  if (!isPlainObject(value)) {
    return value
  }

  if (depth >= MAX_DEPTH) {
    return '[too deep]'
  }

  const copy: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = isSensitiveKey(key) ? REDACTED : scrub(inner, depth + 1)
  }
  return copy
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    return false
  }

  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
