import { commonError } from '@pay/errors'
import type { FastifyInstance } from 'fastify'
import secureJson from 'secure-json-parse'

// Deeper than any body this product accepts; a far deeper one can only be an attempt to
// exhaust the stack of whatever walks it next (validation, logging, serialization).
const MAX_DEPTH = 32

/**
 * Replaces fastify's body parsers with one for JSON only, so any other content type is a
 * 415. Bodies that carry `__proto__` or `constructor.prototype` keys, or nest deeper than
 * MAX_DEPTH, are refused as MALFORMED_BODY instead of being parsed.
 */
export function acceptJsonBodiesOnly(app: FastifyInstance): void {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJson(body as string))
    } catch (error) {
      done(error as Error, undefined)
    }
  })
}

export function parseJson(text: string): unknown {
  let value: unknown
  try {
    value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' })
  } catch (error) {
    throw commonError('MALFORMED_BODY', undefined, { cause: error })
  }

  if (depthExceeds(value, MAX_DEPTH)) {
    throw commonError('MALFORMED_BODY', `the request body nests deeper than ${MAX_DEPTH} levels`)
  }

  return value
}

// Iterative so that measuring a hostile body cannot itself overflow the stack.
function depthExceeds(root: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[root, 0]]
  while (pending.length > 0) {
    const [value, depth] = pending.pop() as [unknown, number]
    if (typeof value !== 'object' || value === null) {
      continue
    }

    if (depth >= limit) {
      return true
    }

    for (const inner of Object.values(value)) {
      pending.push([inner, depth + 1])
    }
  }
  return false
}
