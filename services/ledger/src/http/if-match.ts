import { commonError } from '@pay/errors'

const VERSION_TAG = /^(?:W\/)?"(\d{1,18})"$/

/** The version an `If-Match` header asks for; undefined when absent or `*` (any version). */
export function expectedVersionOf(header: string | string[] | undefined): bigint | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (value === undefined || value.trim() === '*') {
    return undefined
  }

  const match = VERSION_TAG.exec(value.trim())
  if (match === null) {
    throw commonError('VALIDATION_FAILED', 'the If-Match header is not valid', {
      fields: [{ path: 'If-Match', message: 'must be an ETag such as "3"' }],
    })
  }

  return BigInt(match[1]!)
}

export function assertVersionMatches(expected: bigint | undefined, actual: bigint): void {
  if (expected !== undefined && expected !== actual) {
    throw commonError('PRECONDITION_FAILED', `the resource is at version ${actual}`)
  }
}

export function etagOf(version: bigint): string {
  return `"${version}"`
}
