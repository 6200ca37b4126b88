import type { z } from 'zod'

import { ConfigError } from './config-error.ts'

export type Env = Record<string, string | undefined>

/** What `loadConfigOrExit` needs from a logger; a pino logger fits. */
export interface FatalLogger {
  fatal(object: object, message: string): void
}

/**
 * Parses environment variables with a zod object schema: numbers and booleans are
 * coerced by the field builders, defaults apply. An empty variable counts as unset, as a
 * shell `FOO=` usually means "not configured". Throws a `ConfigError` listing every problem.
 */
export function loadConfig<Schema extends z.ZodObject>(
  schema: Schema,
  env: Env = process.env,
): z.output<Schema> {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  )
  const result = schema.safeParse(present)
  if (result.success) {
    return result.data
  }

  throw new ConfigError(result.error.issues.flatMap((issue) => describeIssue(issue, present)))
}

/**
 * For a service's start-up: on a configuration problem, writes one line per problem
 * (to the logger when given, else to stderr) and exits with status 1.
 */
export function loadConfigOrExit<Schema extends z.ZodObject>(
  schema: Schema,
  logger?: FatalLogger,
  env: Env = process.env,
): z.output<Schema> {
  try {
    return loadConfig(schema, env)
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error
    }

    if (logger === undefined) {
      process.stderr.write(`${error.message}\n`)
    } else {
      logger.fatal({ problems: error.problems }, 'invalid configuration')
    }
    return process.exit(1)
  }
}

// Messages come from the schema (the field builders word them), never from the value,
// so a secret cannot leak into a start-up error.
function describeIssue(issue: z.core.$ZodIssue, present: Record<string, unknown>): string[] {
  const name = issue.path.map(String).join('.') || '(root)'
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${key}: not allowed`)
  }

  if (issue.code === 'invalid_type' && issue.path.length === 1 && present[name] === undefined) {
    return [`${name}: required`]
  }

  return [`${name}: ${issue.message}`]
}
