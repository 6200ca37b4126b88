import { httpUrl, int, port, secret } from '@pay/config'
import { withServiceConfig, type ServiceConfig } from '@pay/runtime'
import { z } from 'zod'

import { usernameSchema } from './domain/user.ts'

const MIB = 1024 * 1024

const originList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  )
  .refine((origins) => origins.every(isOrigin), {
    error: 'must be a comma-separated list of origins such as https://app.example.com',
  })

/** The gateway's environment: the base every service reads, plus tokens, login limits and upstreams. */
export const gatewayConfigSchema = withServiceConfig({
  PORT: port(8080),
  /** Signs users' access tokens (HS256). Must differ from INTERNAL_TOKEN_SECRET. */
  JWT_SECRET: secret(32),
  JWT_ISSUER: z.string().min(1).default('payments-gateway/users'),
  JWT_AUDIENCE: z.string().min(1).default('payments-api'),
  ACCESS_TOKEN_TTL_SECONDS: int({ min: 30, max: 24 * 60 * 60, default: 15 * 60 }),
  REFRESH_TOKEN_TTL_SECONDS: int({ min: 60, max: 90 * 24 * 60 * 60, default: 7 * 24 * 60 * 60 }),
  /** The first administrator, created at start-up when no administrator exists yet. */
  ADMIN_USERNAME: usernameSchema.default('admin'),
  /** Unset: a one-time password is generated and logged once at warn level. */
  ADMIN_PASSWORD: z.string().optional(),
  /** log2 of scrypt's cost N; p follows OWASP's equal-strength table (15 ⇒ p=3, 32 MiB per hash). */
  PASSWORD_SCRYPT_LOG_N: int({ min: 14, max: 20, default: 15 }),
  LOGIN_WINDOW_SECONDS: int({ min: 10, max: 24 * 60 * 60, default: 15 * 60 }),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: int({ min: 1, max: 1_000, default: 5 }),
  LOGIN_MAX_FAILURES_PER_ADDRESS: int({ min: 1, max: 100_000, default: 50 }),
  MUTATIONS_PER_MINUTE: int({ min: 1, max: 100_000, default: 120 }),
  /** Unset: no CORS headers at all, so browsers allow same-origin use only. */
  CORS_ORIGINS: originList.optional(),
  REQUEST_SERVICE_URL: httpUrl('http://localhost:8081'),
  APPROVAL_SERVICE_URL: httpUrl('http://localhost:8082'),
  LEDGER_SERVICE_URL: httpUrl('http://localhost:8083'),
  AUDIT_SERVICE_URL: httpUrl('http://localhost:8084'),
  UPSTREAM_TIMEOUT_MS: int({ min: 100, max: 5 * 60 * 1000, default: 15_000 }),
  UPSTREAM_CONNECTIONS: int({ min: 1, max: 1_000, default: 32 }),
  JSON_BODY_MAX_BYTES: int({ min: 1_024, max: 100 * MIB, default: MIB }),
  SOA_UPLOAD_MAX_BYTES: int({ min: 1_024, max: 100 * MIB, default: 10 * MIB }),
  OPENAPI_CACHE_SECONDS: int({ min: 0, max: 24 * 60 * 60, default: 60 }),
}).refine((config) => config.JWT_SECRET !== config.INTERNAL_TOKEN_SECRET, {
  path: ['JWT_SECRET'],
  error: 'must differ from INTERNAL_TOKEN_SECRET',
})

export type GatewayConfig = z.output<typeof gatewayConfigSchema> & ServiceConfig

function isOrigin(value: string): boolean {
  if (!URL.canParse(value)) {
    return false
  }

  const url = new URL(value)
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value
}
