import { z } from 'zod'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$/

/** A TCP port, `defaultPort` when unset. */
export function port(defaultPort?: number) {
  const field = z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a port number' })
    .min(1, { error: 'must be between 1 and 65535' })
    .max(65535, { error: 'must be between 1 and 65535' })
  return defaultPort === undefined ? field : field.default(defaultPort)
}

/** An integer within bounds, e.g. a pool size or a timeout in milliseconds. */
export function int(options: { min?: number; max?: number; default?: number } = {}) {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options
  const field = z.coerce
    .number({ error: 'must be an integer' })
    .int({ error: 'must be an integer' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` })
  return options.default === undefined ? field : field.default(options.default)
}

/** `true/false`, `1/0`, `yes/no`, `on/off`; `z.coerce.boolean` would read "false" as true. */
export function flag(defaultValue: boolean) {
  return z.stringbool({ error: 'must be true or false' }).default(defaultValue)
}

/** A `postgres://` or `postgresql://` connection URL. It usually holds a password. */
export function databaseUrl() {
  return z.string().refine(isPostgresUrl, { error: 'must be a postgres:// or postgresql:// URL' })
}

/** A comma-separated `host:port` list, e.g. `localhost:9092,kafka-2:9092`. */
export function kafkaBrokers(defaultBrokers?: string) {
  const field = z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter((broker) => broker !== ''),
    )
    .refine((brokers) => brokers.length > 0 && brokers.every((broker) => BROKER.test(broker)), {
      error: 'must be a comma-separated list of host:port',
    })
  // prefault, not default: the default is the raw text and must still be split like a real value
  return defaultBrokers === undefined ? field : field.prefault(defaultBrokers)
}

/** A pino log level, `info` unless given. */
export function logLevel(defaultLevel: (typeof LOG_LEVELS)[number] = 'info') {
  return z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default(defaultLevel)
}

/** A secret such as a signing key, at least `minBytes` bytes of UTF-8. */
export function secret(minBytes: number) {
  return z.string().refine((value) => Buffer.byteLength(value, 'utf8') >= minBytes, {
    error: `must be at least ${minBytes} bytes`,
  })
}

/** An absolute http(s) URL, e.g. another service's base URL. */
export function httpUrl(defaultUrl?: string) {
  const field = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  return defaultUrl === undefined ? field : field.default(defaultUrl)
}

function isPostgresUrl(value: string): boolean {
  if (!URL.canParse(value)) {
    return false
  }

  const { protocol, hostname } = new URL(value)
  return (protocol === 'postgres:' || protocol === 'postgresql:') && hostname !== ''
}
