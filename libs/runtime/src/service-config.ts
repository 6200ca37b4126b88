import { databaseUrl, flag, int, kafkaBrokers, logLevel, port, secret } from '@pay/config'
import { z } from 'zod'

/** What every service reads from its environment; a service adds its own fields. */
export const serviceConfigShape = {
  HOST: z.string().default('127.0.0.1'),
  PORT: port(),
  LOG_LEVEL: logLevel(),
  DATABASE_URL: databaseUrl(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, { error: 'must be a lowercase SQL identifier' }),
  DATABASE_POOL_SIZE: int({ min: 1, max: 100, default: 10 }),
  KAFKA_BROKERS: kafkaBrokers(),
  /** Prepended to every topic and consumer group, so several environments can share one cluster. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-z0-9._-]*$/, {
      error: 'may hold only lowercase letters, digits, dots, dashes and underscores',
    })
    .default(''),
  INTERNAL_TOKEN_SECRET: secret(32),
  IDEMPOTENCY_TTL_HOURS: int({ min: 1, max: 24 * 30, default: 24 }),
  /** Behind a proxy or load balancer: take the client address and protocol from X-Forwarded-*. */
  TRUST_PROXY: flag(false),
}

export const serviceConfigSchema = z.object(serviceConfigShape)
export type ServiceConfig = z.output<typeof serviceConfigSchema>

export function withServiceConfig<Extra extends z.ZodRawShape>(extra: Extra) {
  return z.object({ ...serviceConfigShape, ...extra })
}
