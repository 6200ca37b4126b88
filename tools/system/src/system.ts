import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

import { provisionSchemaOwner } from '@pay/infra'

import { serviceNames, type ServiceName } from './services.ts'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))

export interface SystemOptions {
  databaseUrl: string
  kafkaBrokers: string[]
  ports: Record<ServiceName, number>
  secrets: { INTERNAL_TOKEN_SECRET: string; JWT_SECRET: string; ADMIN_PASSWORD: string }
  adminUsername?: string
  /** Schemas are named `<namespace><service>`; tests use a unique namespace, the dev system none. */
  namespace?: string
  /** Prepended to topics and consumer groups. */
  topicPrefix?: string
  soaStorageDir: string
  logLevel?: string
  /** Where each service's log lines go; by default they are dropped. */
  onLog?: (service: ServiceName, line: string) => void
  /** Extra environment per service, e.g. shorter consumer waits in tests. */
  extraEnv?: Partial<Record<ServiceName, Record<string, string>>>
}

export interface RunningSystem {
  gatewayUrl: string
  /** Service schemas are `<namespace><service>`. */
  namespace: string
  topicPrefix: string
  urls: Record<ServiceName, string>
  adminUsername: string
  adminPassword: string
  /** SIGKILLs a service (no graceful shutdown), as a crash would. */
  kill(service: ServiceName): Promise<void>
  start(service: ServiceName): Promise<void>
  stop(): Promise<void>
}

interface Launch {
  env: Record<string, string>
  process?: ChildProcess
}

/**
 * Runs the five services as separate Node processes against the given Kafka and Postgres: each gets
 * its own role and schema, the shared secrets, and its peers' addresses. Resolves once every
 * service answers `/readyz`.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const namespace = options.namespace ?? ''
  const adminUsername = options.adminUsername ?? 'admin'
  const urls = Object.fromEntries(
    serviceNames.map((name) => [name, `http://127.0.0.1:${options.ports[name]}`]),
  ) as Record<ServiceName, string>
  const launches = new Map<ServiceName, Launch>()

  for (const service of serviceNames) {
    const database = await provisionSchemaOwner(options.databaseUrl, {
      schema: `${namespace}${service}`,
      role: `${namespace}${service}_svc`,
      password: randomBytes(18).toString('hex'),
    })
    launches.set(service, {
      env: {
        HOST: '127.0.0.1',
        PORT: String(options.ports[service]),
        LOG_LEVEL: options.logLevel ?? 'info',
        DATABASE_URL: database.url,
        DATABASE_SCHEMA: database.schema,
        KAFKA_BROKERS: options.kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: options.topicPrefix ?? '',
        INTERNAL_TOKEN_SECRET: options.secrets.INTERNAL_TOKEN_SECRET,
        OTEL_SERVICE_NAME: service,
        // A small young generation keeps each service's RSS well under its 150 MiB budget.
        NODE_OPTIONS: '--max-semi-space-size=2',
        // glibc's default of one malloc arena per thread grows RSS with nothing to show for it.
        MALLOC_ARENA_MAX: '2',
        ...(service === 'gateway'
          ? {
              JWT_SECRET: options.secrets.JWT_SECRET,
              ADMIN_USERNAME: adminUsername,
              ADMIN_PASSWORD: options.secrets.ADMIN_PASSWORD,
              REQUEST_SERVICE_URL: urls.request,
              APPROVAL_SERVICE_URL: urls.approval,
              LEDGER_SERVICE_URL: urls.ledger,
              AUDIT_SERVICE_URL: urls.audit,
            }
          : {}),
        ...(service === 'request' ? { SOA_STORAGE_DIR: options.soaStorageDir } : {}),
        ...options.extraEnv?.[service],
      },
    })
  }

  async function start(service: ServiceName): Promise<void> {
    const launch = launches.get(service)!
    const child = spawn(process.execPath, ['--import', '@pay/telemetry/register', 'src/main.ts'], {
      cwd: `${repoRoot}services/${service}`,
      env: { ...process.env, ...launch.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    launch.process = child
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => options.onLog?.(service, line))
    }

    await waitUntilReady(service, urls[service], child)
  }

  async function kill(service: ServiceName): Promise<void> {
    const child = launches.get(service)?.process
    if (child === undefined || child.exitCode !== null) {
      return
    }

    child.kill('SIGKILL')
    await once(child, 'exit')
  }

  async function stop(): Promise<void> {
    // Reverse start order: the gateway stops taking requests first.
    for (const service of [...serviceNames].reverse()) {
      const child = launches.get(service)?.process
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
        continue
      }

      child.kill('SIGTERM')
      const exited = await Promise.race([
        once(child, 'exit').then(() => true),
        delay(15_000).then(() => false),
      ])
      if (!exited) {
        child.kill('SIGKILL')
      }
    }
  }

  try {
    for (const service of serviceNames) {
      await start(service)
    }
  } catch (error) {
    await stop()
    throw error
  }

  return {
    gatewayUrl: urls.gateway,
    namespace,
    topicPrefix: options.topicPrefix ?? '',
    urls,
    adminUsername,
    adminPassword: options.secrets.ADMIN_PASSWORD,
    kill,
    start,
    stop,
  }
}

async function waitUntilReady(service: ServiceName, url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000

  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${service} exited with code ${child.exitCode} before it was ready`)
    }

    const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    )
    if (ready) {
      return
    }
    await delay(200)
  }

  throw new Error(`${service} was not ready within 60 s`)
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
