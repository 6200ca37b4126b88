import { openApiPath, type ForwardedRoute, type UpstreamName } from '../domain/route-table.ts'

/** The parts of an OpenAPI 3.1 document this module reads or writes; the rest passes through. */
export interface OpenApiDocument {
  openapi: string
  info: { title: string; version: string; description?: string }
  paths?: Record<string, PathItem>
  components?: Record<string, Record<string, unknown>>
  tags?: { name: string; description?: string }[]
  [extension: string]: unknown
}

type PathItem = Record<string, unknown>
type Operation = Record<string, unknown>

export const BEARER_SCHEME = 'bearerAuth'
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
const PUBLIC_PREFIX = '/api/v1'

/**
 * The public API's document: the gateway's own operations plus, for every route of the route table,
 * the owning service's description of it under `/api/v1`, with who may call it. A service whose
 * document is missing still has its routes listed, as placeholders. Each service's components are
 * renamed `<service>.<name>` (and their references with them), so two services may both have a
 * `Page` schema without clashing; only routes of the table are taken, so internal ones stay hidden.
 */
export function assemblePublicDocument(
  own: OpenApiDocument,
  services: Partial<Record<UpstreamName, OpenApiDocument>>,
  routes: readonly ForwardedRoute[],
): OpenApiDocument {
  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: 'Payment workflow API',
      version: '1',
      description:
        'Every route except auth/* needs `Authorization: Bearer <accessToken>`. Every POST, PUT, PATCH ' +
        'and DELETE except auth/* needs an `Idempotency-Key` header.',
    },
    paths: {},
    components: {
      securitySchemes: { [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    tags: [],
  }

  for (const [path, item] of Object.entries(own.paths ?? {})) {
    const secured = !path.startsWith(`${PUBLIC_PREFIX}/auth/`)
    document.paths![path] = mapOperations(structuredClone(item), (operation) =>
      secured ? { ...operation, security: [{ [BEARER_SCHEME]: [] }] } : { ...operation, security: [] },
    )
  }
  mergeComponents(document, own.components, undefined)

  for (const [name, service] of Object.entries(services) as [UpstreamName, OpenApiDocument][]) {
    mergeComponents(document, service.components, name)
  }

  for (const route of routes) {
    addForwardedOperation(document, route, services[route.upstream])
  }

  const tagNames = new Set<string>()
  for (const item of Object.values(document.paths!)) {
    mapOperations(item, (operation) => {
      for (const tag of (operation.tags as string[] | undefined) ?? []) tagNames.add(tag)
      return operation
    })
  }
  document.tags = [...tagNames].sort().map((name) => ({ name }))

  return document
}

function addForwardedOperation(
  document: OpenApiDocument,
  route: ForwardedRoute,
  service: OpenApiDocument | undefined,
): void {
  const method = route.method.toLowerCase()
  const wanted = shapeOf(openApiPath(route.path))
  const [servicePath, serviceItem] =
    Object.entries(service?.paths ?? {}).find(([path, item]) => shapeOf(path) === wanted && method in item) ??
    []

  const path = `${PUBLIC_PREFIX}${servicePath ?? openApiPath(route.path)}`
  const described =
    serviceItem === undefined
      ? placeholderOperation(route)
      : withPathParameters(
          renameRefs(serviceItem[method], route.upstream) as Operation,
          serviceItem,
          route.upstream,
        )
  const roles = route.roles.join(', ')
  const operation: Operation = {
    ...described,
    tags: [route.upstream],
    description: [described.description, `Roles: ${roles}.`].filter(Boolean).join('\n\n'),
    security: [{ [BEARER_SCHEME]: [] }],
    'x-roles': [...route.roles],
    'x-service': route.upstream,
  }
  if (typeof described.operationId === 'string') {
    operation.operationId = `${route.upstream}.${described.operationId}`
  }

  document.paths![path] = { ...document.paths![path], [method]: operation }
}

function placeholderOperation(route: ForwardedRoute): Operation {
  const parameters = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }))

  return {
    summary: `${route.method} ${openApiPath(route.path)}`,
    description: `Served by the ${route.upstream} service, whose own description was not available.`,
    ...(parameters.length > 0 ? { parameters } : {}),
    responses: { default: { description: `See the ${route.upstream} service.` } },
  }
}

// Parameters declared on the path item apply to every operation of it; the public document keeps
// one operation per path item of its own, so they are copied onto the operation.
function withPathParameters(operation: Operation, item: PathItem, upstream: UpstreamName): Operation {
  const shared = item.parameters
  if (!Array.isArray(shared)) {
    return operation
  }

  const own = Array.isArray(operation.parameters) ? operation.parameters : []
  return { ...operation, parameters: [...(renameRefs(shared, upstream) as unknown[]), ...own] }
}

function mergeComponents(
  document: OpenApiDocument,
  components: OpenApiDocument['components'],
  owner: UpstreamName | undefined,
): void {
  for (const [kind, entries] of Object.entries(components ?? {})) {
    if (kind === 'securitySchemes' || typeof entries !== 'object' || entries === null) {
      continue
    }

    const target = (document.components![kind] ??= {})
    for (const [name, value] of Object.entries(entries)) {
      target[owner === undefined ? name : `${owner}.${name}`] =
        owner === undefined ? structuredClone(value) : renameRefs(value, owner)
    }
  }
}

/** A copy of `value` whose local component references point at the components renamed for `owner`. */
function renameRefs(value: unknown, owner: UpstreamName): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => renameRefs(item, owner))
  }

  if (typeof value !== 'object' || value === null) {
    return value
  }

  const copy: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    copy[key] =
      key === '$ref' && typeof inner === 'string'
        ? inner.replace(/^#\/components\/([^/]+)\/(.+)$/, `#/components/$1/${owner}.$2`)
        : renameRefs(inner, owner)
  }
  return copy
}

function mapOperations(item: PathItem, map: (operation: Operation) => Operation): PathItem {
  for (const method of METHODS) {
    const operation = item[method]
    if (typeof operation === 'object' && operation !== null) {
      item[method] = map(operation as Operation)
    }
  }
  return item
}

function shapeOf(path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}').replace(/:[A-Za-z0-9_]+/g, '{}')
}
