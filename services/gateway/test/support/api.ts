import { randomUUID } from 'node:crypto'

import type { GatewayHarness } from './gateway-harness.ts'

export interface CallOptions {
  token?: string
  body?: unknown
  /** `false` leaves the header out; a mutation gets a fresh key unless one is given. */
  idempotencyKey?: string | false
  headers?: Record<string, string>
  /** The client address the gateway sees (login limits are per address). */
  from?: string
}

export async function call(harness: GatewayHarness, method: string, url: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token !== undefined) {
    headers.authorization = `Bearer ${options.token}`
  }

  const mutation = method !== 'GET' && !url.startsWith('/api/v1/auth/')
  if (options.idempotencyKey !== false && (mutation || options.idempotencyKey !== undefined)) {
    headers['idempotency-key'] = options.idempotencyKey ?? randomUUID()
  }

  return harness.app.inject({
    method: method as 'GET',
    url,
    headers,
    remoteAddress: options.from ?? '127.0.0.1',
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  })
}

export interface Tokens {
  accessToken: string
  refreshToken: string
  expiresIn: number
}

export async function login(
  harness: GatewayHarness,
  username: string,
  password: string,
  from?: string,
): Promise<Tokens> {
  const response = await call(harness, 'POST', '/api/v1/auth/login', { body: { username, password }, from })
  if (response.statusCode !== 200) {
    throw new Error(`login of ${username} failed: ${response.statusCode} ${response.body}`)
  }

  return response.json<Tokens>()
}

/** Creates a user through the API as the given admin and logs them in. */
export async function createUser(
  harness: GatewayHarness,
  adminToken: string,
  user: { username: string; role: string; password?: string; displayName?: string },
): Promise<{ id: string; tokens: Tokens; password: string }> {
  const password = user.password ?? `Quiet-River-${randomUUID().slice(0, 8)}`
  const response = await call(harness, 'POST', '/api/v1/users', {
    token: adminToken,
    body: {
      username: user.username,
      password,
      role: user.role,
      displayName: user.displayName ?? user.username,
    },
  })
  if (response.statusCode !== 201) {
    throw new Error(`creating ${user.username} failed: ${response.statusCode} ${response.body}`)
  }

  const { id } = response.json<{ id: string }>()
  return { id, tokens: await login(harness, user.username, password), password }
}
