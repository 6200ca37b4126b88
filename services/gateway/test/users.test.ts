import { randomUUID } from 'node:crypto'

import { waitFor } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { call, createUser, login, type Tokens } from './support/api.ts'
import { ADMIN, startGateway, type GatewayHarness } from './support/gateway-harness.ts'
import { collectIdentityEvents } from './support/identity-events.ts'

let gateway: GatewayHarness
let identity: Awaited<ReturnType<typeof collectIdentityEvents>>
let admin: Tokens
let adminId: string

beforeAll(async () => {
  gateway = await startGateway()
  identity = await collectIdentityEvents(gateway.topicPrefix)
  admin = await login(gateway, ADMIN.username, ADMIN.password)
  adminId = (await call(gateway, 'GET', '/api/v1/users/me', { token: admin.accessToken })).json<{
    id: string
  }>().id
})

afterAll(async () => {
  await identity?.stop()
  await gateway?.stop()
})

function createBody(username: string, overrides: Record<string, unknown> = {}) {
  return {
    username,
    password: 'Velvet-Harbor-Compass-8',
    role: 'CREATOR',
    displayName: `User ${username}`,
    ...overrides,
  }
}

describe('the first administrator', () => {
  it('should be created from ADMIN_USERNAME and ADMIN_PASSWORD and published as UserCreated', async () => {
    const me = await call(gateway, 'GET', '/api/v1/users/me', { token: admin.accessToken })

    expect(me.json()).toMatchObject({ username: 'admin', role: 'ADMIN', active: true })
    await waitFor(() =>
      identity.events.some(
        (event) => event.envelope.eventType === 'UserCreated' && event.envelope.actorId === null,
      ),
    )
  })
})

describe('admin user management', () => {
  it('should let an admin create a creator and an approver who can then log in', async () => {
    const creator = await createUser(gateway, admin.accessToken, { username: 'carol', role: 'CREATOR' })
    const approver = await createUser(gateway, admin.accessToken, { username: 'april', role: 'APPROVER' })

    const me = await call(gateway, 'GET', '/api/v1/users/me', { token: creator.tokens.accessToken })
    expect(me.json()).toMatchObject({ id: creator.id, username: 'carol', role: 'CREATOR' })
    expect(me.json()).not.toHaveProperty('passwordHash')
    const other = await call(gateway, 'GET', '/api/v1/users/me', { token: approver.tokens.accessToken })
    expect(other.json()).toMatchObject({ role: 'APPROVER' })
  })

  it('should publish UserCreated with the admin as actor and the request id as correlation id', async () => {
    const requestId = `create-${randomUUID()}`

    const response = await call(gateway, 'POST', '/api/v1/users', {
      token: admin.accessToken,
      body: createBody('dave'),
      headers: { 'x-request-id': requestId },
    })

    expect(response.statusCode).toBe(201)
    const created = await waitFor(() =>
      identity.events.find(
        (event) => event.envelope.eventType === 'UserCreated' && event.envelope.correlationId === requestId,
      ),
    )
    expect(created.envelope).toMatchObject({ actorId: adminId, aggregateId: response.json().id })
    expect(created.payload).toMatchObject({ username: 'dave', role: 'CREATOR', active: true })
  })

  it('should treat usernames case-insensitively', async () => {
    const first = await call(gateway, 'POST', '/api/v1/users', {
      token: admin.accessToken,
      body: createBody('Erin'),
    })
    const second = await call(gateway, 'POST', '/api/v1/users', {
      token: admin.accessToken,
      body: createBody('erin'),
    })

    expect(first.statusCode).toBe(201)
    expect(first.json()).toMatchObject({ username: 'erin' })
    expect(second.statusCode).toBe(409)
    expect(second.json()).toMatchObject({ code: 'USERNAME_TAKEN' })
  })

  it.each([
    ['too short', 'Short-pw-1'],
    ['only digits', '123456789012345'],
    ['containing the username', 'my-name-is-frank-99'],
    ['common', 'Password2024!'],
    ['common with swapped letters', 'P@ssw0rd123456'],
  ])('should refuse a password that is %s with field errors', async (_why, password) => {
    const response = await call(gateway, 'POST', '/api/v1/users', {
      token: admin.accessToken,
      body: createBody('frank', { password }),
    })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'WEAK_PASSWORD' })
    expect(response.json().errors[0]).toMatchObject({ path: 'password' })
  })

  it('should list users page by page', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) {
      await call(gateway, 'POST', '/api/v1/users', { token: admin.accessToken, body: createBody(name) })
    }

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${cursor}`
      const page = await call(gateway, 'GET', `/api/v1/users${query}`, { token: admin.accessToken })
      expect(page.statusCode).toBe(200)
      const body = page.json<{ items: { username: string }[]; nextCursor: string | null }>()
      expect(body.items.length).toBeLessThanOrEqual(2)
      seen.push(...body.items.map((item) => item.username))
      cursor = body.nextCursor
    } while (cursor !== null)

    expect(seen).toEqual([...seen].sort())
    expect(seen).toEqual(expect.arrayContaining(['admin', 'page-a', 'page-b', 'page-c']))
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('should apply a role change to the user’s next request and publish UserChanged', async () => {
    const user = await createUser(gateway, admin.accessToken, { username: 'grace', role: 'VIEWER' })
    expect((await call(gateway, 'GET', '/api/v1/users', { token: user.tokens.accessToken })).statusCode).toBe(
      403,
    )

    const changed = await call(gateway, 'PATCH', `/api/v1/users/${user.id}`, {
      token: admin.accessToken,
      body: { role: 'ADMIN', displayName: 'Grace H.' },
    })

    expect(changed.statusCode).toBe(200)
    expect(changed.json()).toMatchObject({ role: 'ADMIN', displayName: 'Grace H.', version: '2' })
    expect((await call(gateway, 'GET', '/api/v1/users', { token: user.tokens.accessToken })).statusCode).toBe(
      200,
    )
    const event = await waitFor(() =>
      identity.events.find(
        (candidate) =>
          candidate.envelope.eventType === 'UserChanged' && candidate.envelope.aggregateId === user.id,
      ),
    )
    expect(event.payload).toMatchObject({
      previous: { role: 'VIEWER', displayName: 'grace', active: true },
      current: { role: 'ADMIN', displayName: 'Grace H.', active: true },
    })
  })

  it('should refuse an admin demoting or deactivating themselves', async () => {
    const response = await call(gateway, 'PATCH', `/api/v1/users/${adminId}`, {
      token: admin.accessToken,
      body: { active: false },
    })

    expect(response.statusCode).toBe(409)
    expect(response.json()).toMatchObject({ code: 'OWN_ACCESS_CHANGE' })
  })

  it('should answer 404 for an unknown user and 400 for an empty change or a bad id', async () => {
    const unknown = await call(gateway, 'PATCH', `/api/v1/users/${randomUUID()}`, {
      token: admin.accessToken,
      body: { active: false },
    })
    const empty = await call(gateway, 'PATCH', `/api/v1/users/${adminId}`, {
      token: admin.accessToken,
      body: {},
    })
    const badId = await call(gateway, 'PATCH', '/api/v1/users/not-a-uuid', {
      token: admin.accessToken,
      body: { active: true },
    })

    expect(unknown.statusCode).toBe(404)
    expect(empty.statusCode).toBe(400)
    expect(badId.statusCode).toBe(400)
  })
})

describe('idempotency of the gateway’s own routes', () => {
  it('should replay the first answer for the same key and body and create nothing more', async () => {
    const key = randomUUID()
    const body = createBody('henry')

    const first = await call(gateway, 'POST', '/api/v1/users', {
      token: admin.accessToken,
      body,
      idempotencyKey: key,
    })
    const retry = await call(gateway, 'POST', '/api/v1/users', {
      token: admin.accessToken,
      body,
      idempotencyKey: key,
    })

    expect(first.statusCode).toBe(201)
    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.body).toBe(first.body)
    const { rows } = await gateway.service.context.pool.query(
      `select count(*)::int as n from users where username = 'henry'`,
    )
    expect(rows[0].n).toBe(1)
  })

  it('should refuse the same key with another body with 422, even when only the password differs', async () => {
    const key = randomUUID()
    await call(gateway, 'POST', '/api/v1/users', {
      token: admin.accessToken,
      body: createBody('irene'),
      idempotencyKey: key,
    })

    const other = await call(gateway, 'POST', '/api/v1/users', {
      token: admin.accessToken,
      body: createBody('irene', { password: 'Another-Harbor-Compass-9' }),
      idempotencyKey: key,
    })

    expect(other.statusCode).toBe(422)
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' })
  })

  it('should never store the password or a plain hash of it with the key', async () => {
    const password = 'Secret-Lantern-Meadow-4'
    await call(gateway, 'POST', '/api/v1/users', {
      token: admin.accessToken,
      body: createBody('jack', { password }),
    })

    const { rows } = await gateway.service.context.pool.query(`select * from idempotency_keys`)

    expect(JSON.stringify(rows)).not.toContain(password)
  })

  it('should answer 409 to a duplicate that arrives while the first is still running', async () => {
    const user = await createUser(gateway, admin.accessToken, { username: 'kim', role: 'VIEWER' })
    const key = randomUUID()
    const blocker = await gateway.service.context.pool.connect()
    try {
      await blocker.query('begin')
      await blocker.query('select 1 from users where id = $1 for update', [user.id])
      const first = call(gateway, 'PATCH', `/api/v1/users/${user.id}`, {
        token: admin.accessToken,
        body: { displayName: 'Kim K.' },
        idempotencyKey: key,
      })
      // Polled on another connection: inside the blocker's transaction pg_stat_activity is a snapshot.
      await waitFor(async () => {
        const { rows } = await gateway.service.context.pool.query(
          `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%for update%'`,
        )
        return rows[0].n > 0
      })

      const duplicate = await call(gateway, 'PATCH', `/api/v1/users/${user.id}`, {
        token: admin.accessToken,
        body: { displayName: 'Kim K.' },
        idempotencyKey: key,
      })

      expect(duplicate.statusCode).toBe(409)
      expect(duplicate.json()).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' })
      await blocker.query('commit')
      expect((await first).statusCode).toBe(200)
    } finally {
      blocker.release()
    }
  })

  it('should run the command again once the stored key has expired', async () => {
    const user = await createUser(gateway, admin.accessToken, { username: 'lena', role: 'VIEWER' })
    const key = randomUUID()
    const patch = () =>
      call(gateway, 'PATCH', `/api/v1/users/${user.id}`, {
        token: admin.accessToken,
        body: { active: false },
        idempotencyKey: key,
      })
    const first = await patch()
    await call(gateway, 'PATCH', `/api/v1/users/${user.id}`, {
      token: admin.accessToken,
      body: { active: true },
    })

    await gateway.service.context.pool.query(
      `update idempotency_keys set expires_at = now() - interval '1 second' where idempotency_key = $1`,
      [key],
    )
    const again = await patch()

    expect(first.json()).toMatchObject({ active: false, version: '2' })
    expect(again.headers['idempotent-replayed']).toBeUndefined()
    expect(again.json()).toMatchObject({ active: false, version: '4' })
  })

  it('should not require a key on auth routes but require one on user changes', async () => {
    const response = await call(gateway, 'POST', '/api/v1/users', {
      token: admin.accessToken,
      body: createBody('mona'),
      idempotencyKey: false,
    })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' })
  })
})
