import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { login, type Tokens } from './support/api.ts'
import { ADMIN, startGateway, type GatewayHarness } from './support/gateway-harness.ts'

let gateway: GatewayHarness
let admin: Tokens

beforeAll(async () => {
  gateway = await startGateway({ CORS_ORIGINS: 'https://app.example.com' })
  admin = await login(gateway, ADMIN.username, ADMIN.password)
})

afterAll(async () => {
  await gateway?.stop()
})

const user = { username: 'newcomer', password: 'Velvet-Harbor-Compass-8', role: 'VIEWER', displayName: 'New' }
const json = (value: unknown) => JSON.stringify(value)
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`

/** [what, route, raw body, whether the answer must name the offending fields] */
type Case = [string, 'users' | 'patch' | 'login' | 'refresh', string, boolean]

const cases: Case[] = [
  ['truncated JSON', 'users', '{"username": "a"', false],
  ['a lone brace', 'users', '{', false],
  ['an empty body', 'users', '', false],
  ['only whitespace', 'users', '   \n ', false],
  ['single quotes', 'users', "{'username': 'a'}", false],
  ['a trailing comma', 'users', '{"username": "a",}', false],
  ['a comment', 'users', '{/* hi */"username": "a"}', false],
  ['NaN', 'users', '{"username": NaN}', false],
  ['Infinity', 'users', '{"username": Infinity}', false],
  ['a hexadecimal number', 'users', '{"username": 0x10}', false],
  ['an unescaped control character', 'users', '{"username": "a\u0001b"}', false],
  ['a broken unicode escape', 'users', '{"username": "\\uZZZZ"}', false],
  ['a __proto__ key', 'users', '{"__proto__": {"role": "ADMIN"}}', false],
  ['a constructor.prototype key', 'users', '{"constructor": {"prototype": {"role": "ADMIN"}}}', false],
  ['objects nested 1000 deep', 'users', nested(1000), false],
  ['arrays nested 5000 deep', 'users', `${'['.repeat(5000)}${']'.repeat(5000)}`, false],
  ['null', 'users', 'null', true],
  ['an array', 'users', '[]', true],
  ['a string', 'users', '"user"', true],
  ['a number', 'users', '42', true],
  ['true', 'users', 'true', true],
  ['an empty object', 'users', '{}', true],
  ['a missing password', 'users', json({ ...user, password: undefined }), true],
  ['a numeric username', 'users', json({ ...user, username: 123 }), true],
  ['an array username', 'users', json({ ...user, username: ['a'] }), true],
  ['an object username', 'users', json({ ...user, username: { first: 'a' } }), true],
  ['a null username', 'users', json({ ...user, username: null }), true],
  [
    'a username with spaces and quotes',
    'users',
    json({ ...user, username: "x'; drop table users; --" }),
    true,
  ],
  ['a username with a NUL character', 'users', json({ ...user, username: 'ab\u0000cd' }), true],
  [
    'a lone surrogate in the username',
    'users',
    '{"username": "\\ud800abc", "password": "x", "role": "VIEWER", "displayName": "d"}',
    true,
  ],
  ['a huge username', 'users', json({ ...user, username: 'a'.repeat(500_000) }), true],
  ['a huge password', 'users', json({ ...user, password: 'Pw-'.repeat(200_000) }), true],
  ['a huge display name', 'users', json({ ...user, displayName: 'd'.repeat(300_000) }), true],
  ['an empty display name', 'users', json({ ...user, displayName: '   ' }), true],
  ['a numeric password', 'users', json({ ...user, password: 123456789012 }), true],
  ['an unknown role', 'users', json({ ...user, role: 'SUPERUSER' }), true],
  ['a lowercase role', 'users', json({ ...user, role: 'admin' }), true],
  ['a numeric role', 'users', json({ ...user, role: 1 }), true],
  [
    'a display name of 1e400',
    'users',
    '{"username": "abc", "password": "x", "role": "VIEWER", "displayName": 1e400}',
    true,
  ],
  ['an extra field', 'users', json({ ...user, isAdmin: true }), true],
  ['active as a string', 'patch', json({ active: 'false' }), true],
  ['active as a number', 'patch', json({ active: 0 }), true],
  ['a null role', 'patch', json({ role: null }), true],
  ['an unknown field in a change', 'patch', json({ password: 'Velvet-Harbor-Compass-8' }), true],
  ['a nested object as display name', 'patch', json({ displayName: { text: 'x' } }), true],
  ['a numeric username at login', 'login', json({ username: 1, password: 'x' }), true],
  ['an array password at login', 'login', json({ username: 'admin', password: ['x'] }), true],
  ['an extra field at login', 'login', json({ username: 'admin', password: 'x', remember: true }), true],
  ['a numeric refresh token', 'refresh', json({ refreshToken: 42 }), true],
  ['a huge refresh token', 'refresh', json({ refreshToken: 'r'.repeat(100_000) }), true],
]

describe('malformed bodies', () => {
  it('should be fifty cases', () => {
    expect(cases).toHaveLength(50)
  })

  it.each(cases)(
    '%s (%s) should be a 400 problem, never a 500',
    async (_what, route, payload, namesFields) => {
      const targets = {
        users: { method: 'POST', url: '/api/v1/users' },
        patch: { method: 'PATCH', url: `/api/v1/users/${randomUUID()}` },
        login: { method: 'POST', url: '/api/v1/auth/login' },
        refresh: { method: 'POST', url: '/api/v1/auth/refresh' },
      } as const

      const response = await gateway.app.inject({
        ...targets[route],
        headers: {
          authorization: `Bearer ${admin.accessToken}`,
          'idempotency-key': randomUUID(),
          'content-type': 'application/json',
        },
        payload,
      })

      expect(response.statusCode).toBe(400)
      expect(response.headers['content-type']).toContain('application/problem+json')
      const problem = response.json()
      expect(problem).toMatchObject({ status: 400, requestId: response.headers['x-request-id'] })
      expect(['VALIDATION_FAILED', 'MALFORMED_BODY']).toContain(problem.code)
      if (namesFields) {
        expect(problem.errors?.length).toBeGreaterThan(0)
      }
    },
  )

  it('should have created nobody', async () => {
    const { rows } = await gateway.service.context.pool.query('select count(*)::int as n from users')

    expect(rows[0].n).toBe(1)
  })
})

describe('CORS', () => {
  it('should answer a preflight from a configured origin and expose the headers a client needs', async () => {
    const response = await gateway.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/batches',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, idempotency-key, content-type',
      },
    })

    expect(response.statusCode).toBe(204)
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example.com')
    expect(response.headers['access-control-allow-headers']).toContain('idempotency-key')
  })

  it('should give no CORS headers to another origin', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { origin: 'https://evil.example.com', authorization: `Bearer ${admin.accessToken}` },
    })

    expect(response.statusCode).toBe(200)
    expect(response.headers['access-control-allow-origin']).toBeUndefined()
  })
})
