import { commonError, type AppError } from '@pay/errors'

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])
const TIMED_OUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/**
 * What the caller is told when a service could not answer: 503 when it cannot be reached at all,
 * 504 when it took too long, 502 for anything else that broke on the way (a reset connection, a
 * malformed response). The detail names the service, never addresses or internals.
 */
export function upstreamFailure(upstream: string, error: unknown): AppError {
  const code = errorCode(error)
  if (code !== undefined && UNREACHABLE.has(code)) {
    return commonError('UNAVAILABLE', `the ${upstream} service is unavailable; retry later`, { cause: error })
  }

  if (code !== undefined && TIMED_OUT.has(code)) {
    return commonError('UPSTREAM_TIMEOUT', `the ${upstream} service did not answer in time`, { cause: error })
  }

  return commonError('UPSTREAM_FAILED', `the ${upstream} service failed to answer`, { cause: error })
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code
    if (typeof code === 'string' && (UNREACHABLE.has(code) || TIMED_OUT.has(code))) {
      return code
    }

    // Node reports a refused connection to several addresses (localhost: ::1 and 127.0.0.1) as
    // an AggregateError whose own code is the shared one.
    current = current instanceof AggregateError ? current.errors[0] : current.cause
  }

  return undefined
}
