import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const REQUEST_ID_HEADER = 'x-request-id'

// Long enough for any tracing system's ids, short and plain enough to be safe in logs
// and headers: no spaces, quotes or control characters.
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/

/** The caller's X-Request-Id when it is well formed, else a fresh UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER]
  if (typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming)) {
    return incoming
  }

  return randomUUID()
}
