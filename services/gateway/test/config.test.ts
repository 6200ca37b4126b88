import { loadConfig, type ConfigError } from '@pay/config'
import { describe, expect, it } from 'vitest'

import { gatewayConfigSchema } from '../src/config.ts'

const base = {
  DATABASE_URL: 'postgres://gateway:pw@localhost:5432/payments',
  DATABASE_SCHEMA: 'gateway',
  KAFKA_BROKERS: 'localhost:9092',
  INTERNAL_TOKEN_SECRET: 'i'.repeat(32),
  JWT_SECRET: 'j'.repeat(32),
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(gatewayConfigSchema, env)
    return []
  } catch (error) {
    return (error as ConfigError).problems
  }
}

describe('gateway configuration', () => {
  it('should apply the documented defaults', () => {
    const config = loadConfig(gatewayConfigSchema, base)

    expect(config).toMatchObject({
      PORT: 8080,
      ACCESS_TOKEN_TTL_SECONDS: 900,
      REFRESH_TOKEN_TTL_SECONDS: 604_800,
      ADMIN_USERNAME: 'admin',
      REQUEST_SERVICE_URL: 'http://localhost:8081',
      APPROVAL_SERVICE_URL: 'http://localhost:8082',
      LEDGER_SERVICE_URL: 'http://localhost:8083',
      AUDIT_SERVICE_URL: 'http://localhost:8084',
      SOA_UPLOAD_MAX_BYTES: 10 * 1024 * 1024,
    })
    expect(config.ADMIN_PASSWORD).toBeUndefined()
    expect(config.CORS_ORIGINS).toBeUndefined()
  })

  it('should refuse a JWT_SECRET shorter than 32 bytes', () => {
    expect(problemsOf({ ...base, JWT_SECRET: 'j'.repeat(31) })).toEqual([
      'JWT_SECRET: must be at least 32 bytes',
    ])
  })

  it('should refuse a missing JWT_SECRET', () => {
    const { JWT_SECRET: _unused, ...withoutSecret } = base

    expect(problemsOf(withoutSecret)).toEqual(['JWT_SECRET: required'])
  })

  it('should refuse a JWT_SECRET equal to INTERNAL_TOKEN_SECRET', () => {
    expect(problemsOf({ ...base, JWT_SECRET: base.INTERNAL_TOKEN_SECRET })).toEqual([
      'JWT_SECRET: must differ from INTERNAL_TOKEN_SECRET',
    ])
  })

  it('should read CORS_ORIGINS as a list of origins and refuse anything else', () => {
    const config = loadConfig(gatewayConfigSchema, {
      ...base,
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
    })

    expect(config.CORS_ORIGINS).toEqual(['https://app.example.com', 'http://localhost:5173'])
    expect(problemsOf({ ...base, CORS_ORIGINS: 'https://app.example.com/path' })).toHaveLength(1)
  })
})
