import { signInternalToken, type Principal } from '@pay/service-auth'

import type { UpstreamName } from '../domain/route-table.ts'
import type { Upstreams } from '../upstream/upstreams.ts'
import type { OpenApiDocument } from './assemble.ts'

/** Who the gateway is when it asks a service for its document: nobody in particular, read-only. */
const GATEWAY_PRINCIPAL: Principal = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'gateway',
  role: 'VIEWER',
}
const TIMEOUT_MS = 3_000

export function serviceDocumentFetcher(upstreams: Upstreams, secret: string, now: () => Date) {
  return async (name: UpstreamName): Promise<OpenApiDocument | undefined> => {
    const token = await signInternalToken(GATEWAY_PRINCIPAL, name, { secret, now })
    const response = await upstreams.call({
      upstream: name,
      method: 'GET',
      path: '/openapi.json',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      timeoutMs: TIMEOUT_MS,
    })
    if (response.statusCode !== 200) {
      await response.body.dump()
      return undefined
    }

    const document = (await response.body.json()) as Partial<OpenApiDocument> | null
    if (typeof document !== 'object' || document === null || typeof document.paths !== 'object') {
      return undefined
    }

    return document as OpenApiDocument
  }
}
