import type { IncomingMessage } from 'node:http'

import { commonError } from '@pay/errors'
import type { HttpServer } from '@pay/http'
import { principalOf, signInternalToken, type Principal } from '@pay/service-auth'
import { currentTraceparent } from '@pay/telemetry'
import type { FastifyReply, FastifyRequest } from 'fastify'

import { forwardedRoutes, type ForwardedRoute } from '../domain/route-table.ts'
import { gatewayError } from '../errors.ts'
import type { Gateway } from '../gateway.ts'
import { BodyLimit } from '../upstream/body-limit.ts'
import { upstreamFailure } from '../upstream/upstream-error.ts'
import type { Upstreams } from '../upstream/upstreams.ts'

export const API_PREFIX = '/api/v1'

/** Request headers a service needs; the user's Authorization and cookies are never among them. */
const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'content-type',
  'content-length',
  'idempotency-key',
  'if-match',
  'if-none-match',
] as const

/** Response headers the client needs back; hop-by-hop and server-specific ones stay behind. */
const RETURNED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'etag',
  'last-modified',
  'location',
  'idempotent-replayed',
  'retry-after',
] as const

const TRACEPARENT = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/

// Multipart framing (boundaries, part headers) on top of the file itself.
const MULTIPART_OVERHEAD_BYTES = 64 * 1024

/**
 * Registers every route of the route table. Bodies are not parsed here: they stream through to the
 * owning service, which validates them, so a 10 MiB upload is never held in the gateway's memory.
 */
export async function registerForwardedRoutes(api: HttpServer, gateway: Gateway, upstreams: Upstreams) {
  await api.register(async (forwarding) => {
    forwarding.removeAllContentTypeParsers()
    forwarding.addContentTypeParser('*', (_request: FastifyRequest, payload: IncomingMessage, done) => {
      done(null, payload)
    })

    for (const route of forwardedRoutes) {
      forwarding.route({
        method: route.method,
        url: route.path,
        config: { access: { roles: route.roles } },
        schema: { hide: true },
        handler: (request, reply) => forward(gateway, upstreams, route, request, reply),
      })
    }
  })
}

async function forward(
  gateway: Gateway,
  upstreams: Upstreams,
  route: ForwardedRoute,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const body = requestBody(gateway, route, request)
  const headers = await upstreamHeaders(gateway, route, request, principalOf(request))
  const aborted = new AbortController()
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) {
      aborted.abort()
    }
  })

  let response
  try {
    response = await upstreams.call({
      upstream: route.upstream,
      method: route.method,
      path: upstreamPath(route, request),
      headers,
      body,
      signal: aborted.signal,
    })
  } catch (error) {
    if (body?.exceeded) {
      throw tooLarge(route)
    }

    request.log.warn({ err: error, upstream: route.upstream }, 'upstream call failed')
    throw upstreamFailure(route.upstream, error)
  }

  if (response.statusCode >= 500) {
    request.log.warn(
      { upstream: route.upstream, statusCode: response.statusCode },
      'upstream answered an error',
    )
  }

  reply.code(response.statusCode)
  for (const name of RETURNED_RESPONSE_HEADERS) {
    const value = response.headers[name]
    if (typeof value === 'string') {
      reply.header(name, name === 'location' ? publicLocation(value) : value)
    }
  }

  if (response.statusCode === 204 || response.statusCode === 304) {
    await response.body.dump()
    return reply.send()
  }

  return reply.send(response.body)
}

/** The body to stream on, size-capped, or undefined when the request has none. */
function requestBody(
  gateway: Gateway,
  route: ForwardedRoute,
  request: FastifyRequest,
): BodyLimit | undefined {
  const raw = request.body as IncomingMessage | undefined
  if (raw === undefined || route.body === 'none') {
    return undefined
  }

  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  const expected = route.body === 'upload' ? 'multipart/form-data' : 'application/json'
  if (mediaType !== expected) {
    throw commonError('UNSUPPORTED_MEDIA_TYPE', `this route accepts ${expected} only`)
  }

  const limit =
    route.body === 'upload'
      ? gateway.config.SOA_UPLOAD_MAX_BYTES + MULTIPART_OVERHEAD_BYTES
      : gateway.config.JSON_BODY_MAX_BYTES
  const declared = Number(request.headers['content-length'] ?? 0)
  if (declared > limit) {
    throw tooLarge(route)
  }

  const limited = new BodyLimit(limit)
  raw.on('error', (error) => limited.destroy(error))
  return raw.pipe(limited)
}

async function upstreamHeaders(
  gateway: Gateway,
  route: ForwardedRoute,
  request: FastifyRequest,
  principal: Principal,
): Promise<Record<string, string>> {
  const token = await signInternalToken(principal, route.upstream, {
    secret: gateway.config.INTERNAL_TOKEN_SECRET,
    now: gateway.now,
  })
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-request-id': request.id }
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers[name]
    if (typeof value === 'string') {
      headers[name] = value
    }
  }

  // With telemetry running, the undici instrumentation injects the gateway's own span as the
  // parent; adding the caller's header as well would send two. Without it, pass the caller's on.
  const incoming = request.headers.traceparent
  if (currentTraceparent() === undefined && typeof incoming === 'string' && TRACEPARENT.test(incoming)) {
    headers.traceparent = incoming
  }

  return headers
}

/** The route's path with its parameters re-encoded, plus the query as sent: nothing else reaches the service. */
function upstreamPath(route: ForwardedRoute, request: FastifyRequest): string {
  const params = request.params as Record<string, string>
  const path = route.path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) =>
    encodeURIComponent(params[name] ?? ''),
  )
  const queryStart = request.url.indexOf('?')

  return queryStart === -1 ? path : `${path}${request.url.slice(queryStart)}`
}

function publicLocation(location: string): string {
  return location.startsWith('/') && !location.startsWith('//') ? `${API_PREFIX}${location}` : location
}

function tooLarge(route: ForwardedRoute) {
  return route.body === 'upload' ? gatewayError('UPLOAD_TOO_LARGE') : commonError('PAYLOAD_TOO_LARGE')
}
