import { commonError } from '@pay/errors'

/**
 * The version an `If-Match` header asks for: `"3"` (weak `W/"3"` accepted too, the version being
 * the whole validator), undefined when absent or `*`. Anything else can never match: 412.
 */
export function expectedVersionOf(header: string | string[] | undefined): bigint | undefined {
  const value = Array.isArray(header) ? header.join(',') : header
  if (value === undefined || value.trim() === '*') {
    return undefined
  }

  const match = /^\s*(?:W\/)?"(\d{1,18})"\s*$/.exec(value)
  if (match === null) {
    throw commonError('PRECONDITION_FAILED', 'If-Match must hold one ETag this service returned')
  }

  return BigInt(match[1]!)
}

export function etagOf(version: bigint | number): string {
  return `"${version}"`
}
