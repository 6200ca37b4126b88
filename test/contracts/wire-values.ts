/**
 * One spelling for values decoded by different Avro libraries, so that they compare with `toEqual`:
 * every integer is a bigint (Avro `int` and `long` alike, timestamps as epoch milliseconds), strings
 * (uuids and enum symbols too), booleans and null stay as they are.
 */
export type WireValue = bigint | string | boolean | null | WireValue[] | { [field: string]: WireValue }

/** Our codec's values (bigint, Date, number) in the common spelling. */
export function toWireValue(value: unknown): WireValue {
  if (value instanceof Date) {
    return BigInt(value.getTime())
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) {
      throw new TypeError(`no Avro type of the contracts decodes to the fraction ${value}`)
    }

    return BigInt(value)
  }
  if (Array.isArray(value)) {
    return value.map(toWireValue)
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([field, inner]) => [field, toWireValue(inner)]))
  }
  if (
    typeof value === 'bigint' ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    return value
  }

  throw new TypeError(`unexpected decoded value of type ${typeof value}`)
}

/**
 * JSON as Apache Avro prints it, with integers read from their source text: `JSON.parse` alone
 * would round every amount beyond 2^53 to the nearest double.
 */
export function parseExactJson(text: string): WireValue {
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) => {
    if (typeof value !== 'number') {
      return value
    }

    const source = context?.source ?? ''
    if (!/^-?\d+$/.test(source)) {
      throw new TypeError(`no Avro type of the contracts prints as ${source}`)
    }

    return BigInt(source)
  }) as WireValue
}
