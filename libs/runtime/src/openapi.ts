import swagger from '@fastify/swagger'
import type { HttpServer } from '@pay/http'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'

/**
 * Describes the service's routes as OpenAPI 3.1, generated from their zod schemas, at
 * `GET /openapi.json`. The gateway assembles the public document from these. Must be registered
 * before the routes it describes.
 */
export async function registerOpenApi(app: HttpServer, service: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: `${service} service`, version: '1.0.0' },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  })

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
