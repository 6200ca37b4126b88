import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'

import { forwardedRoutes } from '../src/domain/route-table.ts'
import { assemblePublicDocument, type OpenApiDocument } from '../src/openapi/assemble.ts'

const own: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'gateway service', version: '1.0.0' },
  paths: {
    '/api/v1/auth/login': { post: { responses: { 200: { description: 'tokens' } } } },
    '/api/v1/users/me': { get: { responses: { 200: { description: 'the user' } } } },
  },
}

const requestService: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'request service', version: '1.0.0' },
  paths: {
    '/batches/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      get: {
        operationId: 'getBatch',
        responses: {
          200: {
            description: 'the batch',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Batch' } } },
          },
        },
      },
    },
    '/internal/rebuild': { post: { responses: { 200: { description: 'not public' } } } },
  },
  components: {
    schemas: {
      Batch: {
        type: 'object',
        properties: { id: { type: 'string' }, owner: { $ref: '#/components/schemas/User' } },
      },
      User: { type: 'object', properties: { id: { type: 'string' } } },
    },
  },
}

async function validate(document: OpenApiDocument) {
  const validator = new Validator()
  const result = await validator.validate(document as unknown as Record<string, unknown>)
  validator.resolveRefs()
  return { ...result, version: validator.version }
}

describe('assemblePublicDocument', () => {
  it('should give a valid OpenAPI 3.1 document with or without the services’ documents', async () => {
    await expect(validate(assemblePublicDocument(own, {}, forwardedRoutes))).resolves.toMatchObject({
      valid: true,
      version: '3.1',
    })
    await expect(
      validate(assemblePublicDocument(own, { request: requestService }, forwardedRoutes)),
    ).resolves.toMatchObject({ valid: true })
  })

  it('should take a service’s operation under /api/v1 with its components renamed for the service', () => {
    const document = assemblePublicDocument(own, { request: requestService }, forwardedRoutes)

    const operation = document.paths!['/api/v1/batches/{id}']!.get as Record<string, unknown>
    expect(operation).toMatchObject({
      operationId: 'request.getBatch',
      tags: ['request'],
      'x-roles': ['ADMIN', 'CREATOR', 'APPROVER', 'VIEWER'],
      security: [{ bearerAuth: [] }],
      parameters: [{ name: 'id', in: 'path' }],
    })
    expect(JSON.stringify(operation)).toContain('#/components/schemas/request.Batch')
    expect(JSON.stringify(document.components!.schemas!['request.Batch'])).toContain(
      '#/components/schemas/request.User',
    )
  })

  it('should list every route of the table and leave the service’s other routes out', () => {
    const document = assemblePublicDocument(own, { request: requestService }, forwardedRoutes)

    const operations = Object.entries(document.paths!).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`),
    )
    for (const route of forwardedRoutes) {
      expect(operations).toContain(`${route.method} /api/v1${route.path.replace(/:[A-Za-z]+/g, '{}')}`)
    }
    expect(Object.keys(document.paths!)).not.toContain('/api/v1/internal/rebuild')
  })

  it('should mark auth routes as open and the others as needing a bearer token', () => {
    const document = assemblePublicDocument(own, {}, forwardedRoutes)

    expect(document.paths!['/api/v1/auth/login']!.post).toMatchObject({ security: [] })
    expect(document.paths!['/api/v1/users/me']!.get).toMatchObject({ security: [{ bearerAuth: [] }] })
  })
})
