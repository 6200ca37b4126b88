import type { Logger } from '@pay/logging'

import { forwardedRoutes, type UpstreamName } from '../domain/route-table.ts'
import { assemblePublicDocument, type OpenApiDocument } from './assemble.ts'

export interface PublicOpenApiOptions {
  /** The gateway's own operations, as @fastify/swagger describes them. */
  own: () => OpenApiDocument
  /** A service's own document, or undefined when it could not be had. */
  fetchService: (name: UpstreamName) => Promise<OpenApiDocument | undefined>
  now: () => Date
  cacheMs: number
  logger: Logger
}

const UPSTREAMS: UpstreamName[] = ['request', 'approval', 'ledger', 'audit']
// A document missing a service is served, but only this long, so the service is asked again soon.
const INCOMPLETE_CACHE_MS = 5_000

/** The public document, assembled on demand and cached; concurrent callers share one assembly. */
export class PublicOpenApi {
  readonly #options: PublicOpenApiOptions
  #cached: { document: OpenApiDocument; expiresAt: number } | undefined
  #pending: Promise<OpenApiDocument> | undefined

  constructor(options: PublicOpenApiOptions) {
    this.#options = options
  }

  async document(): Promise<OpenApiDocument> {
    if (this.#cached !== undefined && this.#cached.expiresAt > this.#options.now().getTime()) {
      return this.#cached.document
    }

    this.#pending ??= this.#assemble().finally(() => {
      this.#pending = undefined
    })
    return this.#pending
  }

  async #assemble(): Promise<OpenApiDocument> {
    const { fetchService, logger } = this.#options
    const fetched = await Promise.all(
      UPSTREAMS.map(async (name) => [name, await fetchService(name).catch(() => undefined)] as const),
    )
    const services = Object.fromEntries(fetched.filter(([, document]) => document !== undefined))
    const missing = fetched.filter(([, document]) => document === undefined).map(([name]) => name)
    if (missing.length > 0) {
      logger.warn({ missing }, 'public OpenAPI document assembled without some services')
    }

    const document = assemblePublicDocument(this.#options.own(), services, forwardedRoutes)
    const ttl =
      missing.length > 0 ? Math.min(INCOMPLETE_CACHE_MS, this.#options.cacheMs) : this.#options.cacheMs
    this.#cached = { document, expiresAt: this.#options.now().getTime() + ttl }
    return document
  }
}
