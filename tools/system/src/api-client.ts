import { randomUUID } from 'node:crypto'

export interface ApiResponse<T = unknown> {
  status: number
  headers: Headers
  body: T
}

export interface CallOptions {
  body?: unknown
  /** Mutations get a fresh key unless one is given (to replay on purpose). */
  idempotencyKey?: string | null
  headers?: Record<string, string>
}

/** A thin client of the public API, as a user would call it: used by the demo seed and the tests. */
export class ApiClient {
  readonly baseUrl: string
  accessToken: string | undefined
  refreshToken: string | undefined

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl
  }

  static async login(baseUrl: string, username: string, password: string): Promise<ApiClient> {
    const client = new ApiClient(baseUrl)
    const response = await client.call<{ accessToken: string; refreshToken: string }>('POST', 'auth/login', {
      body: { username, password },
    })
    if (response.status !== 200) {
      throw new Error(`login of ${username} failed with ${response.status}: ${JSON.stringify(response.body)}`)
    }

    client.accessToken = response.body.accessToken
    client.refreshToken = response.body.refreshToken
    return client
  }

  async call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers }
    if (this.accessToken !== undefined) {
      headers.authorization = `Bearer ${this.accessToken}`
    }
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json'
    }
    const mutation = method !== 'GET' && !path.startsWith('auth/')
    if (mutation && options.idempotencyKey !== null) {
      headers['idempotency-key'] = options.idempotencyKey ?? randomUUID()
    }

    const response = await fetch(`${this.baseUrl}/api/v1/${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
    const text = await response.text()
    const type = response.headers.get('content-type') ?? ''

    return {
      status: response.status,
      headers: response.headers,
      body: (type.includes('json') && text.length > 0 ? JSON.parse(text) : text) as T,
    }
  }

  /** Like `call`, but any status other than the expected one is an error with the problem's text. */
  async expect<T = unknown>(
    status: number,
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<T> {
    const response = await this.call<T>(method, path, options)
    if (response.status !== status) {
      throw new Error(
        `${method} ${path}: expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`,
      )
    }

    return response.body
  }
}
