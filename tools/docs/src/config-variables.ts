import type { z } from 'zod'

/** One environment variable of a service, as its zod schema declares it. */
export interface ConfigVariable {
  name: string
  /** Neither optional nor defaulted: the service refuses to start without it. */
  required: boolean
  /** The default as an operator would write it in the environment; undefined when there is none. */
  defaultValue: string | undefined
  /** What the variable takes, when the schema states it plainly: a range, a list of values, a flag. */
  accepts: string | undefined
  /** From `.describe()` or `.meta({ description })`, on the field or any schema it wraps. */
  description: string | undefined
}

interface Definition {
  type: string
  innerType?: z.ZodType
  in?: z.ZodType
  out?: z.ZodType
  defaultValue?: unknown
}

/** Names of variables that hold credentials: a default for one of them is refused. */
const SECRET_NAME = /(SECRET|PASSWORD|TOKEN|_KEY)$|^DATABASE_URL$/
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i

/** Reads each field of an object schema: required or not, its default, what it takes, its description. */
export function configVariables(schema: z.ZodObject): ConfigVariable[] {
  return Object.entries(schema.shape).map(([name, field]) => describeField(name, field))
}

function describeField(name: string, field: z.ZodType): ConfigVariable {
  let current: z.ZodType | undefined = field
  let optional = false
  let hasDefault = false
  let defaultValue: unknown
  let description: string | undefined
  let accepts: string | undefined

  while (current !== undefined) {
    description ??= current.description
    const definition = current._zod.def as Definition
    switch (definition.type) {
      case 'default':
      case 'prefault':
        // Outermost wins: that is the default zod applies first.
        if (!hasDefault) {
          hasDefault = true
          defaultValue = definition.defaultValue
        }
        current = definition.innerType
        break
      case 'optional':
        optional = true
        current = definition.innerType
        break
      case 'nullable':
      case 'readonly':
      case 'catch':
        current = definition.innerType
        break
      case 'pipe':
        // The environment holds the pipe's input; its output type only tells a flag apart.
        accepts ??= definition.out?._zod.def.type === 'boolean' ? '`true` or `false`' : undefined
        current = definition.in
        break
      default:
        accepts ??= acceptsOf(current)
        current = undefined
    }
  }

  const shownDefault = hasDefault ? environmentText(defaultValue) : undefined
  if (shownDefault !== undefined && (SECRET_NAME.test(name) || URL_WITH_PASSWORD.test(shownDefault))) {
    throw new Error(`${name} holds a secret and must not have a default: every installation would share it`)
  }

  return { name, required: !optional && !hasDefault, defaultValue: shownDefault, accepts, description }
}

function acceptsOf(leaf: z.ZodType): string | undefined {
  const definition = leaf._zod.def as Definition & { entries?: Record<string, unknown> }
  if (definition.type === 'enum' && definition.entries !== undefined) {
    return Object.values(definition.entries)
      .map((value) => `\`${String(value)}\``)
      .join(', ')
  }

  if (definition.type === 'number') {
    return numberRange(leaf as z.ZodNumber)
  }

  if (definition.type === 'string' && (leaf as z.ZodString).format === 'url') {
    return 'URL'
  }

  return undefined
}

function numberRange(field: z.ZodNumber): string {
  const kind = field.isInt ? 'integer' : 'number'
  const min = bounded(field.minValue)
  const max = bounded(field.maxValue)
  if (min !== undefined && max !== undefined) {
    return `${kind} ${min}–${max}`
  }

  if (min !== undefined) {
    return `${kind} ≥ ${min}`
  }

  return max === undefined ? kind : `${kind} ≤ ${max}`
}

// Integers without an explicit bound carry the safe-integer limits; those say nothing to an operator.
function bounded(value: number | null): number | undefined {
  if (value === null || !Number.isFinite(value) || Math.abs(value) >= Number.MAX_SAFE_INTEGER) {
    return undefined
  }

  return value
}

function environmentText(value: unknown): string {
  if (typeof value === 'string') {
    return value
  }

  if (Array.isArray(value)) {
    return value.map(String).join(',')
  }

  return String(value)
}
