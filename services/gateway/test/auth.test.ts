import { isEventOf } from '@pay/contracts'
import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose'
import { waitFor } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { call, login, type Tokens } from './support/api.ts'
import { ADMIN, JWT_SECRET, startGateway, type GatewayHarness } from './support/gateway-harness.ts'
import { collectIdentityEvents } from './support/identity-events.ts'
import { seedUser } from './support/seed.ts'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

let gateway: GatewayHarness
let identity: Awaited<ReturnType<typeof collectIdentityEvents>>
let admin: Tokens

beforeAll(async () => {
  gateway = await startGateway({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '6' })
  identity = await collectIdentityEvents(gateway.topicPrefix)
  admin = await login(gateway, ADMIN.username, ADMIN.password)
})

afterAll(async () => {
  await identity?.stop()
  await gateway?.stop()
})

function me(token: string) {
  return call(gateway, 'GET', '/api/v1/users/me', { token })
}

function refresh(refreshToken: string) {
  return call(gateway, 'POST', '/api/v1/auth/refresh', { body: { refreshToken } })
}

function securityEvents(kind: string) {
  return identity.events
    .filter((event) => isEventOf(event, 'SecurityEventRecorded'))
    .filter((event) => event.payload.kind === kind)
}

describe('login', () => {
  it('should answer an access token, a refresh token and the access lifetime', async () => {
    const response = await call(gateway, 'POST', '/api/v1/auth/login', {
      body: { username: 'ADMIN', password: ADMIN.password },
    })

    expect(response.statusCode).toBe(200)
    const tokens = response.json<Tokens>()
    expect(tokens.expiresIn).toBe(900)
    expect(decodeJwt(tokens.accessToken)).toMatchObject({
      iss: 'payments-gateway/users',
      aud: 'payments-api',
    })
    expect((await me(tokens.accessToken)).json()).toMatchObject({ username: 'admin', role: 'ADMIN' })
  })

  it('should refuse a wrong password with 401 and publish LOGIN_FAILED without the password', async () => {
    const wrong = 'Wrong-Password-Attempt-123'
    const response = await call(gateway, 'POST', '/api/v1/auth/login', {
      body: { username: ADMIN.username, password: wrong },
      from: '10.0.0.1',
    })

    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' })
    const [event] = await waitFor(() => {
      const failed = securityEvents('LOGIN_FAILED')
      return failed.length > 0 && failed
    })
    expect(event!.payload).toMatchObject({ kind: 'LOGIN_FAILED', ip: '10.0.0.1', detail: 'wrong password' })
    expect(
      JSON.stringify(event, (_key, value) => (typeof value === 'bigint' ? String(value) : value)),
    ).not.toContain(wrong)
  })

  it('should answer an unknown username exactly like a wrong password', async () => {
    const response = await call(gateway, 'POST', '/api/v1/auth/login', {
      body: { username: 'nobody-here', password: 'Whatever-Password-123' },
      from: '10.0.0.2',
    })

    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' })
  })

  it('should refuse further attempts on an account after too many failures, even the right password', async () => {
    const user = await seedUser(gateway, { username: 'locked-out', role: 'VIEWER' })
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await call(gateway, 'POST', '/api/v1/auth/login', {
        body: { username: 'locked-out', password: 'Not-The-Password-99' },
        from: `10.1.0.${attempt}`,
      })
      expect(response.statusCode).toBe(401)
    }

    const limited = await call(gateway, 'POST', '/api/v1/auth/login', {
      body: { username: 'locked-out', password: user.password },
      from: '10.1.0.9',
    })

    expect(limited.statusCode).toBe(429)
    expect(limited.json()).toMatchObject({ code: 'LOGIN_RATE_LIMITED' })
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    await waitFor(() => securityEvents('LOGIN_RATE_LIMITED').some((e) => e.payload.username === 'locked-out'))

    gateway.clock.advance(16 * MINUTE)
    await expect(login(gateway, 'locked-out', user.password, '10.1.0.9')).resolves.toHaveProperty(
      'accessToken',
    )
  })

  it('should refuse further attempts from an address after too many failures on any accounts', async () => {
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await call(gateway, 'POST', '/api/v1/auth/login', {
        body: { username: `guess-${attempt}`, password: 'Not-The-Password-99' },
        from: '10.2.0.1',
      })
    }

    const limited = await call(gateway, 'POST', '/api/v1/auth/login', {
      body: { username: ADMIN.username, password: ADMIN.password },
      from: '10.2.0.1',
    })
    const elsewhere = await call(gateway, 'POST', '/api/v1/auth/login', {
      body: { username: ADMIN.username, password: ADMIN.password },
      from: '10.2.0.2',
    })

    expect(limited.statusCode).toBe(429)
    expect(elsewhere.statusCode).toBe(200)
  })
})

describe('refresh', () => {
  it('should rotate the refresh token and refuse the spent one', async () => {
    const tokens = await login(gateway, ADMIN.username, ADMIN.password)

    const rotated = await refresh(tokens.refreshToken)

    expect(rotated.statusCode).toBe(200)
    const next = rotated.json<Tokens>()
    expect(next.refreshToken).not.toBe(tokens.refreshToken)
    expect((await me(next.accessToken)).statusCode).toBe(200)
  })

  it('should revoke the whole family when a spent refresh token is presented again', async () => {
    const otherSession = await login(gateway, ADMIN.username, ADMIN.password)
    const tokens = await login(gateway, ADMIN.username, ADMIN.password)
    const next = (await refresh(tokens.refreshToken)).json<Tokens>()

    const reuse = await refresh(tokens.refreshToken)

    expect(reuse.statusCode).toBe(401)
    expect(reuse.json()).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' })
    expect((await refresh(next.refreshToken)).statusCode).toBe(401)
    expect((await me(next.accessToken)).statusCode).toBe(401)
    expect((await me(otherSession.accessToken)).statusCode).toBe(200)
    await waitFor(() => securityEvents('REFRESH_TOKEN_REUSED').length > 0)
    expect(gateway.log.text).toContain('spent refresh token presented again')
  })

  it('should let only one of two concurrent refreshes with the same token win', async () => {
    const tokens = await login(gateway, ADMIN.username, ADMIN.password)

    const answers = await Promise.all([refresh(tokens.refreshToken), refresh(tokens.refreshToken)])

    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 401])
  })

  it('should refuse a malformed or unknown refresh token with 401', async () => {
    expect((await refresh('not-a-token')).statusCode).toBe(401)
    expect((await refresh('A'.repeat(43))).statusCode).toBe(401)
  })
})

describe('logout', () => {
  it('should end the session: its refresh and access tokens stop working', async () => {
    const tokens = await login(gateway, ADMIN.username, ADMIN.password)

    const response = await call(gateway, 'POST', '/api/v1/auth/logout', {
      body: { refreshToken: tokens.refreshToken },
    })

    expect(response.statusCode).toBe(204)
    expect((await refresh(tokens.refreshToken)).statusCode).toBe(401)
    expect((await me(tokens.accessToken)).statusCode).toBe(401)
    await waitFor(() => securityEvents('LOGGED_OUT').length > 0)
  })
})

describe('expiry', () => {
  it('should refuse an access token after its lifetime while its refresh token still works', async () => {
    const tokens = await login(gateway, ADMIN.username, ADMIN.password)

    gateway.clock.advance(15 * MINUTE + 1_000)

    expect((await me(tokens.accessToken)).statusCode).toBe(401)
    const renewed = await refresh(tokens.refreshToken)
    expect(renewed.statusCode).toBe(200)
    expect((await me(renewed.json<Tokens>().accessToken)).statusCode).toBe(200)
  })

  it('should refuse a refresh token after its lifetime', async () => {
    const tokens = await login(gateway, ADMIN.username, ADMIN.password)

    gateway.clock.advance(7 * DAY + 1_000)

    expect((await refresh(tokens.refreshToken)).statusCode).toBe(401)
  })
})

describe('deactivation', () => {
  it('should stop a deactivated user’s tokens at once and keep old ones dead after reactivation', async () => {
    admin = await login(gateway, ADMIN.username, ADMIN.password)
    const user = await seedUser(gateway, { username: 'leaving-soon', role: 'CREATOR' })
    expect((await me(user.tokens.accessToken)).statusCode).toBe(200)

    const deactivated = await call(gateway, 'PATCH', `/api/v1/users/${user.id}`, {
      token: admin.accessToken,
      body: { active: false },
    })

    expect(deactivated.statusCode).toBe(200)
    expect((await me(user.tokens.accessToken)).statusCode).toBe(401)
    expect((await refresh(user.tokens.refreshToken)).statusCode).toBe(401)
    const loginAgain = await call(gateway, 'POST', '/api/v1/auth/login', {
      body: { username: 'leaving-soon', password: user.password },
      from: '10.3.0.1',
    })
    expect(loginAgain.statusCode).toBe(401)

    await call(gateway, 'PATCH', `/api/v1/users/${user.id}`, {
      token: admin.accessToken,
      body: { active: true },
    })
    expect((await me(user.tokens.accessToken)).statusCode).toBe(401)
    const fresh = await login(gateway, 'leaving-soon', user.password, '10.3.0.2')
    expect((await me(fresh.accessToken)).statusCode).toBe(200)
  })
})

describe('access tokens', () => {
  const key = new TextEncoder().encode(JWT_SECRET)

  async function forged(
    options: { alg?: string; key?: Uint8Array; audience?: string; issuer?: string; expiresIn?: number } = {},
  ) {
    const claims = decodeJwt(admin.accessToken)
    const now = Math.floor(gateway.clock.now().getTime() / 1000)
    return new SignJWT({ sid: claims.sid, ver: claims.ver })
      .setProtectedHeader({ alg: options.alg ?? 'HS256' })
      .setSubject(claims.sub!)
      .setIssuer(options.issuer ?? 'payments-gateway/users')
      .setAudience(options.audience ?? 'payments-api')
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresIn ?? 600))
      .sign(options.key ?? key)
  }

  it('should accept a token made the way the gateway makes them (the forgery helper is faithful)', async () => {
    admin = await login(gateway, ADMIN.username, ADMIN.password)

    expect((await me(await forged())).statusCode).toBe(200)
  })

  it.each([
    ['another algorithm', () => forged({ alg: 'HS512' })],
    [
      'a wrong key',
      () => forged({ key: new TextEncoder().encode('another-secret-of-enough-length-000000') }),
    ],
    ['a wrong audience', () => forged({ audience: 'someone-else' })],
    ['a wrong issuer', () => forged({ issuer: 'payments-gateway' })],
    ['an expired token', () => forged({ expiresIn: -10 })],
    [
      'alg none',
      async () => {
        const claims = decodeJwt(admin.accessToken)
        return new UnsecuredJWT({ ...claims }).encode()
      },
    ],
    [
      'a tampered payload',
      async () => {
        const [header, payload, signature] = admin.accessToken.split('.')
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'))
        const tampered = Buffer.from(JSON.stringify({ ...claims, ver: claims.ver + 1 })).toString('base64url')
        return `${header}.${tampered}.${signature}`
      },
    ],
    ['garbage', async () => 'not.a.token'],
    [
      'the internal token of a service',
      async () => forged({ audience: 'request', issuer: 'payments-gateway' }),
    ],
  ])('should answer 401 for %s', async (_name, make) => {
    admin = await login(gateway, ADMIN.username, ADMIN.password)

    const response = await me(await make())

    expect(response.statusCode).toBe(401)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' })
  })

  it('should answer 401 without an Authorization header', async () => {
    expect((await call(gateway, 'GET', '/api/v1/users/me')).statusCode).toBe(401)
  })
})

describe('access denied', () => {
  it('should answer 403 to a role the route does not allow and publish ACCESS_DENIED', async () => {
    const viewer = await seedUser(gateway, { username: 'just-looking', role: 'VIEWER' })

    const response = await call(gateway, 'GET', '/api/v1/users', { token: viewer.tokens.accessToken })

    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({ code: 'FORBIDDEN' })
    const [event] = await waitFor(() => {
      const denied = securityEvents('ACCESS_DENIED').filter(
        (candidate) => candidate.payload.userId === viewer.id,
      )
      return denied.length > 0 && denied
    })
    expect(event!.payload.detail).toBe('GET /api/v1/users refused to role VIEWER')
    expect(event!.envelope.correlationId).toBe(response.headers['x-request-id'])
  })
})

describe('the log', () => {
  it('should hold no password and no token', async () => {
    const tokens = await login(gateway, ADMIN.username, ADMIN.password)
    await refresh(tokens.refreshToken)
    await refresh(tokens.refreshToken)

    expect(gateway.log.lines.length).toBeGreaterThan(10)
    expect(gateway.log.text).not.toContain(ADMIN.password)
    expect(gateway.log.text).not.toContain(tokens.refreshToken)
    expect(gateway.log.text).not.toContain(tokens.accessToken)
  })
})
