import type { FastifyInstance } from 'fastify'
import type { z } from 'zod'

type Def = {
  type: string
  shape?: Record<string, z.ZodType>
  catchall?: z.ZodType
  element?: z.ZodType
  innerType?: z.ZodType
  options?: z.ZodType[]
  in?: z.ZodType
  left?: z.ZodType
  right?: z.ZodType
  valueType?: z.ZodType
}

/**
 * Refuses, when a route is registered, a body schema containing an object that would
 * silently drop unknown fields: route authors write `z.strictObject` (or `z.looseObject`
 * where extra fields are wanted on purpose), never a bare `z.object`. Catching it at start-up
 * keeps "unknown body fields are rejected" true without a reviewer having to spot it.
 */
export function requireStrictBodySchemas(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const body = route.schema?.body
    if (!isZodSchema(body)) {
      return
    }

    const lax = findLaxObject(body, 'body')
    if (lax !== undefined) {
      throw new TypeError(`${String(route.method)} ${route.url}: ${lax} is a z.object; use z.strictObject`)
    }
  })
}

export function findLaxObject(schema: z.ZodType, path: string): string | undefined {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def
  switch (def.type) {
    case 'object':
      if (def.catchall === undefined) {
        return path
      }
      return firstLax(Object.entries(def.shape ?? {}).map(([key, inner]) => [inner, `${path}.${key}`]))
    case 'array':
      return firstLax([[def.element, `${path}[]`]])
    case 'record':
      return firstLax([[def.valueType, `${path}.*`]])
    case 'union':
      return firstLax((def.options ?? []).map((option) => [option, path]))
    case 'intersection':
      return firstLax([
        [def.left, path],
        [def.right, path],
      ])
    case 'pipe':
      return firstLax([[def.in, path]])
    default:
      // optional, nullable, default, readonly, catch… wrap one inner schema
      return firstLax([[def.innerType, path]])
  }
}

function firstLax(candidates: Array<[z.ZodType | undefined, string]>): string | undefined {
  for (const [schema, path] of candidates) {
    const lax = schema === undefined ? undefined : findLaxObject(schema, path)
    if (lax !== undefined) {
      return lax
    }
  }
  return undefined
}

function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value
}
