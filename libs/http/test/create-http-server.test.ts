import { startTelemetry, withSpan, type Telemetry } from '@pay/telemetry'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'

import type { HttpServer } from '../src/index.ts'
import { buildApp } from './build-app.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('createHttpServer', () => {
  let telemetry: Telemetry
  const apps: HttpServer[] = []

  function track<T extends { app: HttpServer }>(built: T): T {
    apps.push(built.app)
    return built
  }

  beforeAll(async () => {
    telemetry = await startTelemetry({ serviceName: 'test', env: {} })
  })

  afterAll(async () => {
    await telemetry.shutdown()
  })

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()))
  })

  describe('request id', () => {
    it('should generate a UUID when the caller sent none', async () => {
      const { app } = track(buildApp())

      const response = await app.inject({ method: 'GET', url: '/healthz' })

      expect(response.headers['x-request-id']).toMatch(UUID)
    })

    it('should echo a well-formed caller id', async () => {
      const { app } = track(buildApp())

      const response = await app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': 'abc-123_DEF.456:7' },
      })

      expect(response.headers['x-request-id']).toBe('abc-123_DEF.456:7')
    })

    it.each([
      ['too short', 'abc'],
      ['too long', 'a'.repeat(129)],
      ['with spaces', 'abc def ghi'],
      ['with a newline escape', 'abcdefgh\\nforged'],
      ['with quotes', '"abcdefgh"'],
    ])('should replace an id that is %s', async (_name, id) => {
      const { app } = track(buildApp())

      const response = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': id } })

      expect(response.headers['x-request-id']).toMatch(UUID)
    })

    it('should be on error responses too', async () => {
      const { app } = track(buildApp())

      const response = await app.inject({
        method: 'GET',
        url: '/missing',
        headers: { 'x-request-id': 'req-00000001' },
      })

      expect(response.statusCode).toBe(404)
      expect(response.headers['x-request-id']).toBe('req-00000001')
    })
  })

  describe('logging', () => {
    it('should bind request id, trace id and the user to every line of a request', async () => {
      const { app, sink } = track(buildApp())
      app.get('/me', async (request) => {
        request.log.info('before auth')
        request.bindUser('user-42')
        request.log.info('after auth')
        return { userId: request.userId }
      })

      const { response, traceId } = await withSpan('incoming', { kind: 'server' }, async (span) => ({
        response: await app.inject({
          method: 'GET',
          url: '/me',
          headers: { 'x-request-id': 'req-log-0001' },
        }),
        traceId: span.spanContext().traceId,
      }))

      expect(response.json()).toEqual({ userId: 'user-42' })
      const lines = sink.lines.filter((line) => line.requestId === 'req-log-0001')
      expect(lines.map((line) => line.msg)).toEqual(['before auth', 'after auth', 'request completed'])
      for (const line of lines) {
        expect(line).toMatchObject({ service: 'test', traceId })
      }
      expect(lines[0]).not.toHaveProperty('userId')
      expect(lines[1]).toHaveProperty('userId', 'user-42')
      expect(lines[2]).toMatchObject({ userId: 'user-42', method: 'GET', route: '/me', statusCode: 200 })
    })

    it('should log a request once, without its query string', async () => {
      const { app, sink } = track(buildApp())
      app.get('/items', async () => [])

      await app.inject({ method: 'GET', url: '/items?cursor=opaque-cursor-value' })

      const lines = sink.lines.filter((line) => line.route === '/items')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatchObject({ level: 'info', path: '/items', statusCode: 200 })
      expect(sink.raw.join('')).not.toContain('opaque-cursor-value')
    })

    it('should log probes at debug only', async () => {
      const { app, sink } = track(buildApp())

      await app.inject({ method: 'GET', url: '/healthz' })

      expect(sink.lines.filter((line) => line.path === '/healthz').map((line) => line.level)).toEqual([
        'debug',
      ])
    })

    it('should never log a bearer token', async () => {
      const { app, sink } = track(buildApp())
      app.get('/echo', async (request) => {
        request.log.info({ headers: request.headers }, 'headers seen')
        return {}
      })

      await app.inject({
        method: 'GET',
        url: '/echo',
        headers: { authorization: 'Bearer eyJhbGciOi.secret.sig' },
      })

      expect(sink.raw.join('')).not.toContain('eyJhbGciOi.secret.sig')
    })
  })

  describe('security headers', () => {
    it('should set helmet headers, no-store and no CORS or HSTS over plain HTTP', async () => {
      const { app } = track(buildApp())

      const response = await app.inject({ method: 'GET', url: '/healthz' })

      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'cache-control': 'no-store',
      })
      expect(response.headers['content-security-policy']).toContain("default-src 'self'")
      expect(response.headers['strict-transport-security']).toBeUndefined()
      expect(response.headers['access-control-allow-origin']).toBeUndefined()
    })

    it('should set HSTS on requests that arrived over TLS through a trusted proxy', async () => {
      const { app } = track(buildApp({ trustProxy: true }))

      const response = await app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-forwarded-proto': 'https' },
      })

      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    })

    it('should ignore X-Forwarded-Proto from an untrusted client', async () => {
      const { app } = track(buildApp())

      const response = await app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-forwarded-proto': 'https' },
      })

      expect(response.headers['strict-transport-security']).toBeUndefined()
    })

    it('should set security headers on error responses', async () => {
      const { app } = track(buildApp())

      const response = await app.inject({ method: 'GET', url: '/missing' })

      expect(response.headers['x-content-type-options']).toBe('nosniff')
    })
  })

  describe('probes', () => {
    it('/healthz should answer while the process runs', async () => {
      const { app } = track(buildApp({ readiness: async () => ({ postgres: false }) }))

      const response = await app.inject({ method: 'GET', url: '/healthz' })

      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({ status: 'alive', service: 'test' })
    })

    it('/readyz should answer 200 when every dependency is up', async () => {
      const { app } = track(buildApp({ readiness: async () => ({ postgres: true, kafka: true }) }))

      const response = await app.inject({ method: 'GET', url: '/readyz' })

      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({ status: 'ready', checks: { postgres: true, kafka: true } })
    })

    it('/readyz should answer 503 naming the dependency that failed', async () => {
      const { app } = track(buildApp({ readiness: async () => ({ postgres: true, kafka: false }) }))

      const response = await app.inject({ method: 'GET', url: '/readyz' })

      expect(response.statusCode).toBe(503)
      expect(response.json()).toEqual({
        status: 'not ready',
        failed: ['kafka'],
        checks: { postgres: true, kafka: false },
      })
    })

    it('/readyz should answer 503 when the readiness check throws or hangs', async () => {
      const throwing = track(buildApp({ readiness: async () => Promise.reject(new Error('pool ended')) })).app
      const hanging = track(buildApp({ readiness: () => new Promise(() => {}), readinessTimeoutMs: 20 })).app

      const thrown = await throwing.inject({ method: 'GET', url: '/readyz' })
      const hung = await hanging.inject({ method: 'GET', url: '/readyz' })

      expect(thrown.statusCode).toBe(503)
      expect(thrown.json().failed).toEqual(['readiness'])
      expect(hung.statusCode).toBe(503)
    })
  })

  describe('metrics', () => {
    it('should expose a request duration histogram by route, method and status', async () => {
      const { app } = track(buildApp())
      app.get('/batches/:id', async () => ({}))

      await app.inject({ method: 'GET', url: '/batches/1' })
      await app.inject({ method: 'GET', url: '/batches/2' })
      await app.inject({ method: 'GET', url: '/random/scanner/path' })
      const response = await app.inject({ method: 'GET', url: '/metrics' })

      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toContain('text/plain')
      expect(response.body).toContain(
        'http_request_duration_seconds_count{method="GET",route="/batches/:id",status_code="200"} 2',
      )
      expect(response.body).toContain('route="unmatched",status_code="404"')
      expect(response.body).not.toContain('scanner')
      expect(response.body).toContain('process_resident_memory_bytes')
    })
  })

  describe('strict body schemas', () => {
    it('should refuse a route whose body schema would drop unknown fields', async () => {
      const { app } = track(buildApp())

      expect(() =>
        app.post(
          '/lax',
          { schema: { body: z.strictObject({ inner: z.object({ a: z.string() }) }) } },
          async () => ({}),
        ),
      ).toThrow('POST /lax: body.inner is a z.object; use z.strictObject')
    })

    it('should accept strict and deliberately loose objects', async () => {
      const { app } = track(buildApp())

      expect(() =>
        app.post(
          '/fine',
          { schema: { body: z.strictObject({ inner: z.array(z.looseObject({})).optional() }) } },
          async () => ({}),
        ),
      ).not.toThrow()
    })
  })
})
