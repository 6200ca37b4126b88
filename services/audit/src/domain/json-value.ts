/** A value JSON can carry exactly: what the audit stores and hashes. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

export type JsonObject = { [key: string]: JsonValue }

/**
 * Turns a decoded event payload into plain JSON: `bigint` (Avro long: amounts, versions, sizes)
 * becomes a decimal string so no digit is lost, a `Date` an ISO-8601 UTC string with milliseconds.
 * Fields whose value is `undefined` are left out, as JSON.stringify would.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return value
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TypeError(`${value} has no JSON form`)
    }

    return value
  }
  if (typeof value === 'bigint') {
    return value.toString()
  }
  if (value instanceof Date) {
    return value.toISOString()
  }
  if (Array.isArray(value)) {
    return value.map(toJsonValue)
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, field]) => field !== undefined)

    return Object.fromEntries(entries.map(([key, field]) => [key, toJsonValue(field)]))
  }

  throw new TypeError(`a ${typeof value} has no JSON form`)
}
