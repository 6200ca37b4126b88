import { randomUUID } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { createLogger } from '@pay/logging'
import { startService, type RunningService } from '@pay/runtime'
import { signInternalToken, type Principal, type Role } from '@pay/service-auth'
import { createTestSchema, infra, uniqueName, type TestSchema } from '@pay/testkit'

import { requestService, type RequestConfig } from '../../src/service.ts'

// A test-only signing key: the service under test verifies what these tests sign.
const INTERNAL_TOKEN_SECRET = 'request-service-tests-internal-token-secret'

export interface CallOptions {
  body?: unknown
  /** A raw payload (a multipart body) instead of JSON. */
  payload?: Buffer | string
  headers?: Record<string, string>
  /** The Idempotency-Key; a fresh one by default on mutations, none with `false`. */
  key?: string | false
}

export interface CallResult {
  status: number
  headers: Record<string, unknown>
  body: Buffer
  json: <T = Record<string, any>>() => T // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RequestServiceHarness {
  service: RunningService<RequestConfig>
  config: RequestConfig
  schema: TestSchema
  storageDir: string
  /** Prepended to every topic the service uses. */
  prefix: string
  call(principal: Principal, method: string, url: string, options?: CallOptions): Promise<CallResult>
  storedFiles(): Promise<string[]>
  stop(): Promise<void>
}

export function user(role: Role): Principal {
  const userId = randomUUID()

  return { userId, username: `${role.toLowerCase()}-${userId.slice(0, 8)}`, role }
}

/** The request service in-process on a fresh schema, fresh topics and a fresh storage directory. */
export async function startRequestService(
  overrides: Partial<RequestConfig> = {},
): Promise<RequestServiceHarness> {
  const schema = await createTestSchema('request')
  const storageDir = await mkdtemp(path.join(tmpdir(), 'request-soa-'))
  const prefix = `${uniqueName('t')}.`
  const config: RequestConfig = {
    HOST: '127.0.0.1',
    PORT: 8081,
    LOG_LEVEL: 'silent',
    DATABASE_URL: schema.url,
    DATABASE_SCHEMA: schema.schema,
    DATABASE_POOL_SIZE: 10,
    KAFKA_BROKERS: infra().kafkaBrokers,
    KAFKA_TOPIC_PREFIX: prefix,
    INTERNAL_TOKEN_SECRET,
    IDEMPOTENCY_TTL_HOURS: 24,
    TRUST_PROXY: false,
    SOA_STORAGE_DIR: storageDir,
    SOA_MAX_BYTES: 10 * 1024 * 1024,
    SOA_RENDER_POLL_MS: 50,
    ...overrides,
  }
  const logger = createLogger({
    service: 'request',
    level: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent',
  })
  const service = await startService(requestService, config, { listen: false, logger })

  async function call(principal: Principal, method: string, url: string, options: CallOptions = {}) {
    const token = await signInternalToken(principal, 'request', { secret: INTERNAL_TOKEN_SECRET })
    const mutation = method !== 'GET'
    const key = options.key ?? (mutation ? randomUUID() : false)
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...options.headers }
    if (key !== false) {
      headers['idempotency-key'] = key
    }

    const response = await service.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(options.payload !== undefined ? { payload: options.payload } : {}),
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    })

    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.rawPayload,
      json: () => JSON.parse(response.payload),
    }
  }

  return {
    service,
    config,
    schema,
    storageDir,
    prefix,
    call,
    storedFiles: () => filesUnder(storageDir),
    async stop() {
      await service.stop()
      await schema.drop()
      await rm(storageDir, { recursive: true, force: true })
    },
  }
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true })

  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}
