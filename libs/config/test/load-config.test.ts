import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'

import {
  ConfigError,
  databaseUrl,
  flag,
  httpUrl,
  int,
  kafkaBrokers,
  loadConfig,
  loadConfigOrExit,
  logLevel,
  port,
  secret,
} from '../src/index.ts'

const schema = z.object({
  DATABASE_URL: databaseUrl(),
  KAFKA_BROKERS: kafkaBrokers('localhost:9092'),
  PORT: port(3000),
  LOG_LEVEL: logLevel(),
  JWT_SECRET: secret(32),
  POOL_SIZE: int({ min: 1, max: 50, default: 10 }),
  TRUST_PROXY: flag(false),
  LEDGER_URL: httpUrl('http://localhost:3003'),
})

const validEnv = {
  DATABASE_URL: 'postgres://app:pw@localhost:5432/pay',
  JWT_SECRET: 'x'.repeat(32),
}

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(schema, env)
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems
    }
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('loadConfig', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('should apply defaults and coerce numbers and booleans', () => {
    const config = loadConfig(schema, { ...validEnv, PORT: '8080', TRUST_PROXY: 'true', UNRELATED: 'x' })

    expect(config).toEqual({
      DATABASE_URL: validEnv.DATABASE_URL,
      KAFKA_BROKERS: ['localhost:9092'],
      PORT: 8080,
      LOG_LEVEL: 'info',
      JWT_SECRET: validEnv.JWT_SECRET,
      POOL_SIZE: 10,
      TRUST_PROXY: true,
      LEDGER_URL: 'http://localhost:3003',
    })
  })

  it('should split a broker list and trim its entries', () => {
    const config = loadConfig(schema, { ...validEnv, KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9093,' })

    expect(config.KAFKA_BROKERS).toEqual(['kafka-1:9092', 'kafka-2:9093'])
  })

  it('should read "false" as false', () => {
    expect(loadConfig(schema, { ...validEnv, TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false)
  })

  it('should report a missing variable as required', () => {
    expect(problemsOf({ JWT_SECRET: validEnv.JWT_SECRET })).toEqual(['DATABASE_URL: required'])
  })

  it('should treat an empty variable as unset', () => {
    expect(problemsOf({ ...validEnv, DATABASE_URL: '' })).toEqual(['DATABASE_URL: required'])
    expect(loadConfig(schema, { ...validEnv, PORT: '' }).PORT).toBe(3000)
  })

  it('should report one line per bad variable', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://root:hunter2@db/pay',
      JWT_SECRET: 'short',
      PORT: '70000',
      LOG_LEVEL: 'loud',
      KAFKA_BROKERS: 'no-port',
      POOL_SIZE: '2.5',
      TRUST_PROXY: 'perhaps',
      LEDGER_URL: 'ftp://ledger',
    })

    expect(problems).toEqual([
      'DATABASE_URL: must be a postgres:// or postgresql:// URL',
      'KAFKA_BROKERS: must be a comma-separated list of host:port',
      'PORT: must be between 1 and 65535',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      'JWT_SECRET: must be at least 32 bytes',
      'POOL_SIZE: must be an integer',
      'TRUST_PROXY: must be true or false',
      'LEDGER_URL: must be an http:// or https:// URL',
    ])
  })

  it('should never echo a secret value in its message', () => {
    const badSecret = 'not-long-enough-secret'
    const badUrl = 'mysql://root:hunter2@db/pay'

    let message = ''
    try {
      loadConfig(schema, { DATABASE_URL: badUrl, JWT_SECRET: badSecret })
    } catch (error) {
      message = (error as Error).message
    }

    expect(message).toContain('JWT_SECRET: must be at least 32 bytes')
    expect(message).not.toContain(badSecret)
    expect(message).not.toContain('hunter2')
  })

  it('should count secret length in bytes, not characters', () => {
    // 16 two-byte characters are 32 bytes
    expect(loadConfig(schema, { ...validEnv, JWT_SECRET: 'é'.repeat(16) }).JWT_SECRET).toHaveLength(16)
  })
})

describe('loadConfigOrExit', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('should write the problems to stderr and exit 1', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${code}`)
    })

    expect(() => loadConfigOrExit(schema, undefined, { JWT_SECRET: 'short' })).toThrow('exit 1')
    expect(exit).toHaveBeenCalledWith(1)
    expect(stderr).toHaveBeenCalledWith(
      'invalid configuration:\nDATABASE_URL: required\nJWT_SECRET: must be at least 32 bytes\n',
    )
  })

  it('should log the problems as fatal when given a logger', () => {
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${code}`)
    })
    const logger = { fatal: vi.fn() }

    expect(() => loadConfigOrExit(schema, logger, {})).toThrow('exit 1')
    expect(logger.fatal).toHaveBeenCalledWith(
      { problems: ['DATABASE_URL: required', 'JWT_SECRET: required'] },
      'invalid configuration',
    )
  })

  it('should return the config when it is valid', () => {
    expect(loadConfigOrExit(schema, undefined, validEnv).PORT).toBe(3000)
  })
})
