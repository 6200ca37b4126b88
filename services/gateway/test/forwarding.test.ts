import { randomBytes, randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'

import { createInternalTokenVerifier, roles, type Role } from '@pay/service-auth'
import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { forwardedRoutes, type ForwardedRoute, type UpstreamName } from '../src/domain/route-table.ts'
import { call, createUser, login, type Tokens } from './support/api.ts'
import { ADMIN, INTERNAL_SECRET, startGateway, type GatewayHarness } from './support/gateway-harness.ts'
import { roleLetters, specAccess } from './support/spec-access.ts'
import { StubUpstream } from './support/stub-upstream.ts'

const stubs: Record<UpstreamName, StubUpstream> = {
  request: new StubUpstream('request'),
  approval: new StubUpstream('approval'),
  ledger: new StubUpstream('ledger'),
  audit: new StubUpstream('audit'),
}
const users = {} as Record<Role, { id: string; tokens: Tokens }>
let gateway: GatewayHarness

beforeAll(async () => {
  const urls = Object.fromEntries(
    await Promise.all(Object.entries(stubs).map(async ([name, stub]) => [name, await stub.start()])),
  )
  gateway = await startGateway({
    REQUEST_SERVICE_URL: urls.request,
    APPROVAL_SERVICE_URL: urls.approval,
    LEDGER_SERVICE_URL: urls.ledger,
    AUDIT_SERVICE_URL: urls.audit,
    UPSTREAM_TIMEOUT_MS: '1000',
    SOA_UPLOAD_MAX_BYTES: '100000',
    MUTATIONS_PER_MINUTE: '1000',
  })
  const admin = await login(gateway, ADMIN.username, ADMIN.password)
  users.ADMIN = { id: '', tokens: admin }
  for (const role of ['CREATOR', 'APPROVER', 'VIEWER'] as const) {
    users[role] = await createUser(gateway, admin.accessToken, { username: `a-${role.toLowerCase()}`, role })
  }
})

afterAll(async () => {
  await gateway?.stop()
  await Promise.all(Object.values(stubs).map((stub) => stub.stop()))
})

beforeEach(() => {
  for (const stub of Object.values(stubs)) stub.reset()
})

function samplePath(route: ForwardedRoute): string {
  return `/api/v1${route.path.replace(/:([A-Za-z]+)/g, (_match, name: string) =>
    name === 'currency' ? 'EUR' : name === 'version' ? '2' : randomUUID(),
  )}`
}

describe('the route table', () => {
  it('should cover exactly the routes the specification lists', () => {
    const table = forwardedRoutes.map((route) => `${route.method} ${route.path}`).sort()

    expect(table).toEqual(Object.keys(specAccess).sort())
  })
})

describe('every route × every role', () => {
  const verifiers = Object.fromEntries(
    Object.keys(stubs).map((name) => [
      name,
      createInternalTokenVerifier({ secret: INTERNAL_SECRET, audience: name }),
    ]),
  )

  for (const route of forwardedRoutes) {
    for (const role of roles) {
      const allowed = specAccess[`${route.method} ${route.path}`]?.includes(roleLetters[role]) ?? false

      it(`${route.method} ${route.path} as ${role} should be ${allowed ? 'forwarded' : 'refused with 403'}`, async () => {
        const user = users[role]
        const path = samplePath(route)
        const body = route.body === 'json' ? { note: 'x' } : undefined

        const response = await call(gateway, route.method, path, { token: user.tokens.accessToken, body })

        const stub = stubs[route.upstream]
        if (!allowed) {
          expect(response.statusCode).toBe(403)
          expect(response.json()).toMatchObject({ code: 'FORBIDDEN' })
          expect(stub.received).toHaveLength(0)
          return
        }

        expect(response.statusCode).toBe(200)
        expect(response.json()).toMatchObject({ upstream: route.upstream, url: path.slice('/api/v1'.length) })
        const arrived = stub.last()
        expect(arrived.headers.authorization).not.toContain(user.tokens.accessToken)
        const principal = await verifiers[route.upstream]!(
          arrived.headers.authorization?.slice('Bearer '.length),
        )
        expect(principal.role).toBe(role)
        for (const other of Object.keys(stubs).filter((name) => name !== route.upstream)) {
          await expect(
            verifiers[other]!(arrived.headers.authorization?.slice('Bearer '.length)),
          ).rejects.toThrow()
        }
      })
    }
  }

  const owned: [string, string, string][] = [
    ['GET', '/api/v1/users/me', 'ACPV'],
    ['GET', '/api/v1/users', 'A'],
    ['POST', '/api/v1/users', 'A'],
    ['PATCH', `/api/v1/users/${randomUUID()}`, 'A'],
  ]
  for (const [method, path, who] of owned) {
    for (const role of roles) {
      const allowed = who.includes(roleLetters[role])

      it(`${method} ${path.replace(/[0-9a-f-]{36}/, ':id')} as ${role} should be ${allowed ? 'allowed' : 'refused with 403'}`, async () => {
        const response = await call(gateway, method, path, {
          token: users[role].tokens.accessToken,
          body: method === 'GET' ? undefined : {},
        })

        if (allowed) {
          expect(response.statusCode).not.toBe(403)
        } else {
          expect(response.statusCode).toBe(403)
        }
      })
    }
  }
})

describe('the public API document', () => {
  it('should assemble the gateway’s routes and the services’ documents into valid OpenAPI 3.1', async () => {
    stubs.request.handler = (request, response) => {
      if (request.url !== '/openapi.json') {
        return stubs.request.echo(request, response)
      }

      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({
          openapi: '3.1.0',
          info: { title: 'request service', version: '1.0.0' },
          paths: {
            '/batches': {
              post: { operationId: 'createBatch', responses: { 201: { description: 'created' } } },
            },
          },
        }),
      )
    }

    const response = await call(gateway, 'GET', '/api/v1/openapi.json')

    expect(response.statusCode).toBe(200)
    const document = response.json()
    const validator = new Validator()
    expect(await validator.validate(document)).toMatchObject({ valid: true })
    expect(validator.version).toBe('3.1')
    expect(document.paths['/api/v1/auth/login'].post.requestBody).toBeDefined()
    expect(document.paths['/api/v1/users'].post.requestBody).toBeDefined()
    expect(document.paths['/api/v1/batches'].post.operationId).toBe('request.createBatch')
    expect(document.paths['/api/v1/audit/verify'].get).toBeDefined()
    const asked = stubs.request.received.find((request) => request.url === '/openapi.json')
    const verify = createInternalTokenVerifier({ secret: INTERNAL_SECRET, audience: 'request' })
    await expect(verify(asked?.headers.authorization?.slice('Bearer '.length))).resolves.toMatchObject({
      username: 'gateway',
    })
  })

  it('should send no CORS headers when no origins are configured', async () => {
    const response = await gateway.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/batches',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    })

    expect(response.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('should serve a browsable UI at /docs', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/docs/' })

    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/html')
  })
})

describe('forwarding', () => {
  const creator = () => users.CREATOR.tokens.accessToken

  it('should pass request id, trace context, idempotency key, If-Match and the JSON body as sent', async () => {
    const requestId = 'client-request-0001'
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'
    const text = '{"title":  "Q3 vendors", "n": 1e2}'

    const response = await gateway.app.inject({
      method: 'PATCH',
      url: '/api/v1/batches/b1/requests/r1?dryRun=true',
      headers: {
        authorization: `Bearer ${creator()}`,
        'content-type': 'application/json',
        'idempotency-key': 'key-123',
        'if-match': '"3"',
        'x-request-id': requestId,
        traceparent,
        cookie: 'session=secret',
      },
      payload: text,
    })

    expect(response.statusCode).toBe(200)
    expect(response.headers['x-request-id']).toBe(requestId)
    const arrived = stubs.request.last()
    expect(arrived.url).toBe('/batches/b1/requests/r1?dryRun=true')
    expect(arrived.body.toString('utf8')).toBe(text)
    expect(arrived.headers).toMatchObject({
      'x-request-id': requestId,
      traceparent,
      'idempotency-key': 'key-123',
      'if-match': '"3"',
      'content-type': 'application/json',
    })
    expect(arrived.headers.cookie).toBeUndefined()
  })

  it('should return the service’s status, body and relevant headers, with Location under /api/v1', async () => {
    stubs.request.handler = (_request, response) => {
      response.writeHead(201, {
        'content-type': 'application/json; charset=utf-8',
        etag: '"1"',
        location: '/batches/42',
        'idempotent-replayed': 'true',
        'x-internal-detail': 'do not leak',
      })
      response.end('{"id":"42"}')
    }

    const response = await call(gateway, 'POST', '/api/v1/batches', {
      token: creator(),
      body: { title: 't' },
    })

    expect(response.statusCode).toBe(201)
    expect(response.body).toBe('{"id":"42"}')
    expect(response.headers).toMatchObject({
      etag: '"1"',
      location: '/api/v1/batches/42',
      'idempotent-replayed': 'true',
    })
    expect(response.headers['x-internal-detail']).toBeUndefined()
    expect(response.headers['x-content-type-options']).toBe('nosniff')
  })

  it('should pass a service’s problem through unchanged', async () => {
    stubs.request.handler = (_request, response) => {
      response.writeHead(412, { 'content-type': 'application/problem+json' })
      response.end('{"status":412,"code":"PRECONDITION_FAILED"}')
    }

    const response = await call(gateway, 'PATCH', '/api/v1/batches/1/requests/2', {
      token: creator(),
      body: {},
    })

    expect(response.statusCode).toBe(412)
    expect(response.json()).toMatchObject({ code: 'PRECONDITION_FAILED' })
  })

  it('should require an Idempotency-Key on forwarded mutations and not forward without one', async () => {
    const response = await call(gateway, 'POST', '/api/v1/batches', {
      token: creator(),
      body: { title: 't' },
      idempotencyKey: false,
    })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' })
    expect(stubs.request.received).toHaveLength(0)
  })

  it('should refuse a body that is not JSON on a JSON route with 415', async () => {
    const response = await call(gateway, 'POST', '/api/v1/batches', {
      token: creator(),
      body: 'title=t',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })

    expect(response.statusCode).toBe(415)
    expect(stubs.request.received).toHaveLength(0)
  })

  it('should refuse a JSON body over the limit with 413 before reaching the service', async () => {
    const response = await call(gateway, 'POST', '/api/v1/batches', {
      token: creator(),
      body: { title: 'x'.repeat(1024 * 1024 + 10) },
    })

    expect(response.statusCode).toBe(413)
    expect(stubs.request.received).toHaveLength(0)
  })

  it('should stream a multipart upload through byte for byte', async () => {
    const boundary = 'gateway-test-boundary'
    const file = randomBytes(80_000)
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="soa.pdf"\r\n`),
      Buffer.from('content-type: application/pdf\r\n\r\n'),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])

    const response = await call(gateway, 'POST', `/api/v1/requests/${randomUUID()}/soa`, {
      token: creator(),
      body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    })

    expect(response.statusCode).toBe(200)
    const arrived = stubs.request.last()
    expect(arrived.headers['content-type']).toBe(`multipart/form-data; boundary=${boundary}`)
    expect(arrived.body.equals(body)).toBe(true)
  })

  it('should stop an upload streaming past the limit with 413', async () => {
    const chunks = Array.from({ length: 40 }, () => randomBytes(8_192))

    const response = await gateway.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${randomUUID()}/soa`,
      headers: {
        authorization: `Bearer ${creator()}`,
        'idempotency-key': randomUUID(),
        'content-type': 'multipart/form-data; boundary=x',
      },
      payload: Readable.from(chunks),
    })

    expect(response.statusCode).toBe(413)
    expect(response.json()).toMatchObject({ code: 'UPLOAD_TOO_LARGE' })
  })

  it('should refuse an upload that is not multipart with 415', async () => {
    const response = await call(gateway, 'POST', `/api/v1/requests/${randomUUID()}/soa`, {
      token: creator(),
      body: { file: 'x' },
    })

    expect(response.statusCode).toBe(415)
  })

  it('should stream a download through with its headers', async () => {
    const file = randomBytes(2 * 1024 * 1024)
    stubs.request.handler = (_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/pdf',
        'content-disposition': 'attachment; filename="soa-v2.pdf"',
        'content-length': String(file.length),
      })
      response.end(file)
    }

    const response = await call(gateway, 'GET', `/api/v1/requests/${randomUUID()}/soa/2/download`, {
      token: creator(),
    })

    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/pdf')
    expect(response.headers['content-disposition']).toBe('attachment; filename="soa-v2.pdf"')
    expect(response.rawPayload.equals(file)).toBe(true)
  })

  it('should answer 504 UPSTREAM_TIMEOUT when the service does not answer in time', async () => {
    stubs.ledger.handler = () => {}

    const response = await call(gateway, 'GET', '/api/v1/ledger/clients', { token: creator() })

    expect(response.statusCode).toBe(504)
    expect(response.json()).toMatchObject({ code: 'UPSTREAM_TIMEOUT' })
  })

  it('should answer 502 UPSTREAM_FAILED when the service breaks the connection', async () => {
    stubs.ledger.handler = (_request, response) => response.socket?.destroy()

    const response = await call(gateway, 'GET', '/api/v1/ledger/vendors', { token: creator() })

    expect(response.statusCode).toBe(502)
    expect(response.json()).toMatchObject({ code: 'UPSTREAM_FAILED' })
  })

  it('should answer 503 UNAVAILABLE when the service refuses connections', async () => {
    await stubs.audit.stop()

    const response = await call(gateway, 'GET', '/api/v1/audit', { token: users.ADMIN.tokens.accessToken })

    expect(response.statusCode).toBe(503)
    expect(response.json()).toMatchObject({ code: 'UNAVAILABLE' })
    expect(response.json().detail).not.toContain('127.0.0.1')
  })
})
