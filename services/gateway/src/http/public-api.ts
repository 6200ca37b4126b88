import cors from '@fastify/cors'
import type { HttpServer } from '@pay/http'

import type { Gateway } from '../gateway.ts'
import { serviceDocumentFetcher } from '../openapi/fetch-service-document.ts'
import { PublicOpenApi } from '../openapi/public-openapi.ts'
import type { Upstreams } from '../upstream/upstreams.ts'
import { accessControl } from './access-control.ts'
import { registerAuthRoutes } from './auth-routes.ts'
import { API_PREFIX, registerForwardedRoutes } from './forward-routes.ts'
import { registerOpenApiCollection, registerOpenApiRoute } from './openapi-routes.ts'
import { registerUserRoutes } from './user-routes.ts'

/** Headers a browser client may send and read across origins, when CORS is configured. */
const CORS_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  'if-match',
  'if-none-match',
  'x-request-id',
]
const CORS_EXPOSED_HEADERS = [
  'etag',
  'location',
  'idempotent-replayed',
  'retry-after',
  'x-request-id',
  'content-disposition',
]

/** Everything under /api/v1 plus the API document and its UI. */
export async function registerPublicApi(
  app: HttpServer,
  gateway: Gateway,
  upstreams: Upstreams,
): Promise<void> {
  const { config, service } = gateway
  // The runtime decorates `principal` only for services behind the internal token.
  if (!app.hasRequestDecorator('principal')) {
    app.decorateRequest('principal', null)
  }

  if (config.CORS_ORIGINS !== undefined && config.CORS_ORIGINS.length > 0) {
    await app.register(cors, {
      origin: config.CORS_ORIGINS,
      allowedHeaders: CORS_REQUEST_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      maxAge: 600,
    })
  }

  const ownDocument = await registerOpenApiCollection(app)
  const openApi = new PublicOpenApi({
    own: ownDocument,
    fetchService: serviceDocumentFetcher(upstreams, config.INTERNAL_TOKEN_SECRET, gateway.now),
    now: gateway.now,
    cacheMs: config.OPENAPI_CACHE_SECONDS * 1000,
    logger: service.logger,
  })

  await app.register(
    async (api) => {
      api.addHook('onRequest', accessControl(gateway))
      registerOpenApiRoute(api, openApi)
      registerAuthRoutes(api, gateway)
      registerUserRoutes(api, gateway)
      await registerForwardedRoutes(api, gateway, upstreams)
    },
    { prefix: API_PREFIX },
  )
}
