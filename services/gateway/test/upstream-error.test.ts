import { errors } from 'undici'
import { describe, expect, it } from 'vitest'

import { upstreamFailure } from '../src/upstream/upstream-error.ts'

function systemError(code: string) {
  return Object.assign(new Error(`connect ${code}`), { code })
}

describe('upstreamFailure', () => {
  it.each([
    ['a refused connection', systemError('ECONNREFUSED'), 503, 'UNAVAILABLE'],
    [
      'a refused connection on every address',
      new AggregateError([systemError('ECONNREFUSED')]),
      503,
      'UNAVAILABLE',
    ],
    ['an unknown host', systemError('ENOTFOUND'), 503, 'UNAVAILABLE'],
    ['a connect timeout', new errors.ConnectTimeoutError(), 503, 'UNAVAILABLE'],
    ['a headers timeout', new errors.HeadersTimeoutError(), 504, 'UPSTREAM_TIMEOUT'],
    ['a body timeout', new errors.BodyTimeoutError(), 504, 'UPSTREAM_TIMEOUT'],
    ['a closed socket', new errors.SocketError('other side closed'), 502, 'UPSTREAM_FAILED'],
    ['anything else', new Error('boom'), 502, 'UPSTREAM_FAILED'],
  ])('should map %s to %i %s', (_name, error, status, code) => {
    const failure = upstreamFailure('ledger', error)

    expect(failure).toMatchObject({ status, code })
    expect(failure.message).toContain('ledger')
  })
})
