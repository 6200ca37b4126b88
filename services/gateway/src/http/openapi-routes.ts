import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { HttpServer } from '@pay/http'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'

import type { OpenApiDocument } from '../openapi/assemble.ts'
import type { PublicOpenApi } from '../openapi/public-openapi.ts'

export const OPENAPI_PATH = '/api/v1/openapi.json'

// Helmet's policy minus `upgrade-insecure-requests`, which would send the UI's own scripts to
// https:// when the gateway runs on plain http (local development).
const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "frame-ancestors 'self'",
  "form-action 'self'",
].join('; ')

/**
 * Collects the gateway's own routes for OpenAPI; must run before any route is added. The UI at
 * /docs reads the assembled public document, not only the gateway's part.
 */
export async function registerOpenApiCollection(app: HttpServer): Promise<() => OpenApiDocument> {
  if (!app.hasDecorator('swagger')) {
    await app.register(swagger, {
      openapi: { openapi: '3.1.0', info: { title: 'Payment workflow gateway', version: '1' } },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    })
  }

  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: DOCS_CSP,
    uiConfig: { urls: [{ url: OPENAPI_PATH, name: 'Payment workflow API' }], deepLinking: true },
  })

  return () => app.swagger() as unknown as OpenApiDocument
}

export function registerOpenApiRoute(api: HttpServer, openApi: PublicOpenApi): void {
  api.get(
    '/openapi.json',
    { config: { access: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=60').send(await openApi.document()),
  )
}
