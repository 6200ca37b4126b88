import { randomUUID } from 'node:crypto'
import { Agent, request } from 'node:http'

export interface LoadResponse<T = unknown> {
  status: number
  body: T
}

/**
 * A lean JSON client of the public API (or of one service) for load: plain node:http on keep-alive sockets, so the
 * load generator spends as little of the machine's two cores as it can on itself.
 */
export class LoadClient {
  readonly #url: URL
  readonly #token: string
  readonly #agent: Agent
  readonly #basePath: string

  /** `basePath` is the public API's by default; a service's own routes sit at its root. */
  constructor(baseUrl: string, accessToken: string, sockets: number, basePath = '/api/v1/') {
    this.#url = new URL(baseUrl)
    this.#token = accessToken
    this.#agent = new Agent({ keepAlive: true, maxSockets: sockets })
    this.#basePath = basePath
  }

  /** A mutation with a fresh Idempotency-Key (or the one given). */
  post<T = unknown>(path: string, body: unknown, idempotencyKey = randomUUID()): Promise<LoadResponse<T>> {
    return this.#send('POST', path, body, idempotencyKey)
  }

  put<T = unknown>(path: string, body: unknown, idempotencyKey = randomUUID()): Promise<LoadResponse<T>> {
    return this.#send('PUT', path, body, idempotencyKey)
  }

  get<T = unknown>(path: string): Promise<LoadResponse<T>> {
    return this.#send('GET', path, undefined, undefined)
  }

  close(): void {
    this.#agent.destroy()
  }

  #send<T>(
    method: string,
    path: string,
    body: unknown,
    idempotencyKey: string | undefined,
  ): Promise<LoadResponse<T>> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const headers: Record<string, string> = { authorization: `Bearer ${this.#token}` }
    if (payload !== undefined) {
      headers['content-type'] = 'application/json'
      headers['content-length'] = String(payload.length)
    }
    if (idempotencyKey !== undefined) {
      headers['idempotency-key'] = idempotencyKey
    }

    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: this.#url.hostname,
          port: this.#url.port,
          path: `${this.#basePath}${path}`,
          method,
          headers,
          agent: this.#agent,
        },
        (incoming) => {
          const chunks: Buffer[] = []
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
          incoming.on('error', reject)
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            const json = (incoming.headers['content-type'] ?? '').includes('json') && text.length > 0
            resolve({ status: incoming.statusCode ?? 0, body: (json ? JSON.parse(text) : text) as T })
          })
        },
      )
      outgoing.on('error', reject)
      outgoing.end(payload)
    })
  }
}

/** Throws unless the answer has the expected status, with the problem's text. */
export function expectStatus<T>(response: LoadResponse<T>, status: number, what: string): T {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`)
  }

  return response.body
}
