import type { Readable } from 'node:stream'

import { Pool, type Dispatcher } from 'undici'

import type { UpstreamName } from '../domain/route-table.ts'

export interface UpstreamOptions {
  urls: Record<UpstreamName, string>
  timeoutMs: number
  connections: number
}

export interface UpstreamCall {
  upstream: UpstreamName
  method: Dispatcher.HttpMethod
  /** Path and query as the service serves them, e.g. `/batches/42?limit=5`. */
  path: string
  headers: Record<string, string>
  body?: Readable
  signal?: AbortSignal
  timeoutMs?: number
}

// Well below the request timeout: a service that cannot even accept a connection is down.
const CONNECT_TIMEOUT_MS = 3_000

/**
 * One pooled keep-alive HTTP client per service. A base URL may carry a path prefix (a service
 * behind a path-routing proxy); it is put in front of every forwarded path.
 */
export class Upstreams {
  readonly #clients = new Map<UpstreamName, { pool: Pool; basePath: string }>()
  readonly #timeoutMs: number

  constructor(options: UpstreamOptions) {
    this.#timeoutMs = options.timeoutMs
    for (const [name, base] of Object.entries(options.urls) as [UpstreamName, string][]) {
      const url = new URL(base)
      const pool = new Pool(url.origin, {
        connections: options.connections,
        connectTimeout: Math.min(CONNECT_TIMEOUT_MS, options.timeoutMs),
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      })
      this.#clients.set(name, { pool, basePath: url.pathname.replace(/\/+$/, '') })
    }
  }

  async call(call: UpstreamCall): Promise<Dispatcher.ResponseData> {
    const client = this.#clients.get(call.upstream)
    if (client === undefined) {
      throw new TypeError(`no upstream named ${call.upstream}`)
    }

    const timeoutMs = call.timeoutMs ?? this.#timeoutMs
    return client.pool.request({
      method: call.method,
      path: `${client.basePath}${call.path}`,
      headers: call.headers,
      body: call.body ?? null,
      signal: call.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    })
  }

  async close(): Promise<void> {
    await Promise.all([...this.#clients.values()].map(({ pool }) => pool.close()))
  }
}
