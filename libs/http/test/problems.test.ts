import { commonError, defineErrors } from '@pay/errors'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import { PROBLEM_CONTENT_TYPE, type HttpServer } from '../src/index.ts'
import { buildApp, type LogSink } from './build-app.ts'

const batchError = defineErrors({
  BATCH_NOT_FOUND: { status: 404, message: 'batch not found' },
  AMOUNT_TOO_PRECISE: { status: 400, message: 'too many decimals' },
})

const body = z.strictObject({
  title: z.string().min(1),
  amount: z.string(),
  lines: z.array(z.strictObject({ note: z.string() })).optional(),
})

describe('error responses', () => {
  let app: HttpServer
  let sink: LogSink

  beforeEach(async () => {
    ;({ app, sink } = buildApp())
    app.post('/batches', { schema: { body } }, async (request) => ({ title: request.body.title }))
    app.get(
      '/batches',
      { schema: { querystring: z.strictObject({ limit: z.coerce.number().int().max(100) }) } },
      () => [],
    )
    app.get('/batches/:id', { schema: { params: z.strictObject({ id: z.uuid() }) } }, async () => {
      throw batchError('BATCH_NOT_FOUND')
    })
    app.post('/amounts', async () => {
      throw batchError('AMOUNT_TOO_PRECISE', undefined, {
        fields: [{ path: 'amount', message: 'at most 2 decimals' }],
      })
    })
    app.get('/boom', async () => {
      throw new Error('relation "secret_table" violates SELECT password FROM users')
    })
    app.get('/internal', async () => {
      throw commonError('INTERNAL', 'pool exhausted at db-primary-7:5432')
    })
    app.get('/database-restarting', async () => {
      // What pg raises when the server shuts down under a request (SQLSTATE 57P01).
      throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })
    })
    await app.ready()
  })

  afterEach(async () => {
    await app.close()
  })

  function post(payload: string, contentType = 'application/json') {
    return app.inject({ method: 'POST', url: '/batches', headers: { 'content-type': contentType }, payload })
  }

  it('an AppError should become a problem with its status, code and message', async () => {
    const response = await app.inject({ method: 'GET', url: '/batches/7b0e4a5e-2f7c-4a8e-9d55-0d9a1c1f3b21' })

    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE)
    expect(response.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      code: 'BATCH_NOT_FOUND',
      detail: 'batch not found',
      requestId: response.headers['x-request-id'],
    })
  })

  it('an AppError with fields should list them as errors', async () => {
    const response = await app.inject({ method: 'POST', url: '/amounts' })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      code: 'AMOUNT_TOO_PRECISE',
      errors: [{ path: 'amount', message: 'at most 2 decimals' }],
    })
  })

  it('a body failing its schema should be a 400 VALIDATION_FAILED with field errors', async () => {
    const response = await post(JSON.stringify({ title: '', lines: [{ note: 5 }] }))

    expect(response.statusCode).toBe(400)
    const problem = response.json()
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', title: 'Bad Request' })
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { path: 'title', message: expect.stringContaining('>=1') },
        { path: 'amount', message: 'required' },
        { path: 'lines.0.note', message: expect.stringContaining('expected string') },
      ]),
    )
  })

  it('unknown body fields should be rejected with one error each', async () => {
    const response = await post(
      JSON.stringify({ title: 't', amount: '1.00', isAdmin: true, lines: [{ note: 'n', x: 1 }] }),
    )

    expect(response.statusCode).toBe(400)
    expect(response.json().errors).toEqual([
      { path: 'lines.0.x', message: 'unknown field' },
      { path: 'isAdmin', message: 'unknown field' },
    ])
  })

  it('bad query strings and path parameters should name where the error is', async () => {
    const query = await app.inject({ method: 'GET', url: '/batches?limit=1000' })
    const params = await app.inject({ method: 'GET', url: '/batches/not-a-uuid' })

    expect(query.statusCode).toBe(400)
    expect(query.json().errors).toEqual([{ path: 'query.limit', message: expect.any(String) }])
    expect(params.statusCode).toBe(400)
    expect(params.json().errors).toEqual([{ path: 'params.id', message: expect.any(String) }])
  })

  it.each([
    ['truncated JSON', '{"title": "t"'],
    ['an empty body', ''],
    ['a JSON string with a trailing comma', '{"title": "t",}'],
  ])('%s should be a 400 MALFORMED_BODY', async (_name, payload) => {
    const response = await post(payload)

    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'MALFORMED_BODY', status: 400 })
  })

  it('a body over 1 MiB should be a 413 and one just under should be read', async () => {
    const envelope = JSON.stringify({ title: '', amount: '1' })
    const atLimit = JSON.stringify({ title: 'x'.repeat(1024 * 1024 - envelope.length), amount: '1' })
    const overLimit = JSON.stringify({ title: 'x'.repeat(1024 * 1024), amount: '1' })

    const accepted = await post(atLimit)
    const refused = await post(overLimit)

    expect(Buffer.byteLength(atLimit)).toBe(1024 * 1024)
    expect(accepted.statusCode).toBe(200)
    expect(refused.statusCode).toBe(413)
    expect(refused.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 })
  })

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])(
    'a %s body should be a 415',
    async (contentType) => {
      const response = await post('title=t', contentType)

      expect(response.statusCode).toBe(415)
      expect(response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' })
    },
  )

  it('a JSON body with a charset should be read', async () => {
    const response = await post(
      JSON.stringify({ title: 't', amount: '1' }),
      'application/json; charset=utf-8',
    )

    expect(response.statusCode).toBe(200)
  })

  it('an unknown route should be a 404 problem', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/nowhere' })

    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE)
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', requestId: response.headers['x-request-id'] })
  })

  it('a malformed URL should be a 400 problem, not a 500', async () => {
    const response = await app.inject({ method: 'GET', url: '/batches/%E0%A4%A' })

    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE)
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      requestId: response.headers['x-request-id'],
    })
  })

  it('a JSON content type with no body should be a 400 MALFORMED_BODY', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/batches',
      headers: { 'content-type': 'application/json' },
    })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'MALFORMED_BODY' })
  })

  it('a POST without a body or content type should fail validation, not parsing', async () => {
    const response = await app.inject({ method: 'POST', url: '/batches' })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'body', message: expect.any(String) }],
    })
  })

  it('an unexpected error should be a bare 500 and be logged in full', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/boom',
      headers: { 'x-request-id': 'req-boom-1' },
    })

    expect(response.statusCode).toBe(500)
    expect(response.json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      code: 'INTERNAL',
      detail: 'an unexpected error occurred',
      requestId: 'req-boom-1',
    })
    expect(response.body).not.toMatch(/secret_table|SELECT|stack|at /)
    const logged = sink.lines.find((line) => line.msg === 'request failed')
    expect(logged).toMatchObject({ level: 'error', requestId: 'req-boom-1', code: 'INTERNAL' })
    expect((logged?.err as { message: string }).message).toContain('secret_table')
  })

  it('a database outage should be a retryable 503, not a 500', async () => {
    const response = await app.inject({ method: 'GET', url: '/database-restarting' })

    expect(response.statusCode).toBe(503)
    expect(response.json()).toMatchObject({ code: 'UNAVAILABLE' })
    expect(response.body).not.toMatch(/administrator/)
  })

  it('an AppError raised as INTERNAL should not reveal its message either', async () => {
    const response = await app.inject({ method: 'GET', url: '/internal' })

    expect(response.statusCode).toBe(500)
    expect(response.json()).toMatchObject({ code: 'INTERNAL', detail: 'an unexpected error occurred' })
  })

  it.each([
    ['__proto__', '{"title": "t", "amount": "1", "__proto__": {"isAdmin": true}}'],
    [
      'constructor.prototype',
      '{"title": "t", "amount": "1", "constructor": {"prototype": {"isAdmin": true}}}',
    ],
  ])('a body with %s should be refused without polluting anything', async (_name, payload) => {
    const response = await post(payload)

    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'MALFORMED_BODY' })
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
  })

  it('a body nested deeper than 32 levels should be refused', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000)
    const shallow = { title: 't', amount: '1', lines: [{ note: 'n' }] }

    const refused = await post(deep)
    const accepted = await post(JSON.stringify(shallow))

    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toMatchObject({
      code: 'MALFORMED_BODY',
      detail: expect.stringContaining('deeper'),
    })
    expect(accepted.statusCode).toBe(200)
  })
})
