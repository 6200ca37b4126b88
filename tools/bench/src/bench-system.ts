import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { dropSchemaOwner, ensureInfra, releaseInfra } from '@pay/infra'
import { ApiClient, serviceNames, startSystem, type RunningSystem, type ServiceName } from '@pay/system'
import { Kafka, logLevel } from 'kafkajs'

export interface BenchSystem {
  system: RunningSystem
  databaseUrl: string
  kafkaBrokers: string[]
  /** Schemas are `<namespace><service>`. */
  namespace: string
  topicPrefix: string
  admin: ApiClient
  creator: ApiClient
  approver: ApiClient
  /** Environment given to the services beyond what startSystem sets: the report names it. */
  serviceEnv: Partial<Record<ServiceName, Record<string, string>>>
  /** Signs internal tokens, to call a service directly past the gateway. */
  internalTokenSecret: string
  /** Service log lines at warn and above, the latest few hundred. */
  logs: string[]
  close(): Promise<void>
}

const USER_PASSWORD = 'Bench-Marks-Seven-Lakes-27'

/**
 * The infrastructure under a lease, and a fresh system of its own: its own schemas, topics,
 * consumer groups and ports, so it neither sees nor disturbs another system on the same broker
 * and cluster. `close()` stops it and removes its schemas, roles and topics.
 */
export async function startBenchSystem(
  report: (line: string) => void,
  extraEnv: Partial<Record<ServiceName | 'all', Record<string, string>>> = {},
): Promise<BenchSystem> {
  const infra = await ensureInfra({ lease: true, report })
  const namespace = `bench_${Date.now().toString(36)}${randomBytes(2).toString('hex')}_`
  const topicPrefix = `${namespace.replaceAll('_', '-')}.`
  const soaDir = join(tmpdir(), namespace, 'soa')
  const logs: string[] = []
  const internalTokenSecret = `internal-${namespace}-${randomBytes(24).toString('hex')}`
  const serviceEnv = serviceEnvOf(extraEnv)
  const ports = {} as Record<ServiceName, number>
  for (const service of serviceNames) {
    ports[service] = await freePort()
  }

  let system: RunningSystem | undefined
  async function close(): Promise<void> {
    await system?.stop()
    for (const service of serviceNames) {
      await dropSchemaOwner(infra.databaseUrl, {
        schema: `${namespace}${service}`,
        role: `${namespace}${service}_svc`,
      }).catch((error: unknown) => report(`could not drop schema ${namespace}${service}: ${String(error)}`))
    }
    await deleteTopics(infra.kafkaBrokers, topicPrefix).catch((error: unknown) =>
      report(`could not delete topics ${topicPrefix}*: ${String(error)}`),
    )
    rmSync(join(tmpdir(), namespace), { recursive: true, force: true })
    await releaseInfra({ report })
  }

  try {
    report(`starting the five services (schemas ${namespace}*, topics ${topicPrefix}*)`)
    system = await startSystem({
      databaseUrl: infra.databaseUrl,
      kafkaBrokers: infra.kafkaBrokers,
      ports,
      namespace,
      topicPrefix,
      soaStorageDir: soaDir,
      logLevel: 'warn',
      secrets: {
        INTERNAL_TOKEN_SECRET: internalTokenSecret,
        JWT_SECRET: `jwt-${namespace}-${randomBytes(24).toString('hex')}`,
        ADMIN_PASSWORD: `Bench-Root-${randomBytes(12).toString('hex')}`,
      },
      onLog: (service, line) => {
        logs.push(`${service} ${line}`)
        if (logs.length > 300) logs.shift()
      },
      extraEnv: serviceEnv,
    })

    const admin = await ApiClient.login(system.gatewayUrl, system.adminUsername, system.adminPassword)
    const creator = await createUser(admin, system.gatewayUrl, 'bench.creator', 'CREATOR')
    const approver = await createUser(admin, system.gatewayUrl, 'bench.approver', 'APPROVER')

    return {
      system,
      databaseUrl: infra.databaseUrl,
      kafkaBrokers: infra.kafkaBrokers,
      namespace,
      topicPrefix,
      admin,
      creator,
      approver,
      serviceEnv,
      internalTokenSecret,
      logs,
      close,
    }
  } catch (error) {
    await close()
    throw new Error(`the system did not start: ${String(error)}\n${logs.slice(-30).join('\n')}`, {
      cause: error,
    })
  }
}

/**
 * The environment each service gets beyond startSystem's: the per-user mutation limit (120 a
 * minute by default, a guard against runaway clients; a load test is one on purpose) raised on the
 * gateway, then whatever `--env` asked, for all services or one.
 */
function serviceEnvOf(
  extra: Partial<Record<ServiceName | 'all', Record<string, string>>>,
): Partial<Record<ServiceName, Record<string, string>>> {
  return Object.fromEntries(
    serviceNames.map((service) => [
      service,
      {
        ...(service === 'gateway' ? { MUTATIONS_PER_MINUTE: '100000' } : {}),
        ...extra.all,
        ...extra[service],
      },
    ]),
  )
}

async function createUser(admin: ApiClient, gatewayUrl: string, username: string, role: string) {
  await admin.expect(201, 'POST', 'users', {
    body: { username, password: USER_PASSWORD, role, displayName: username },
  })

  return ApiClient.login(gatewayUrl, username, USER_PASSWORD)
}

async function deleteTopics(brokers: string[], prefix: string): Promise<void> {
  const admin = new Kafka({ clientId: 'bench-cleanup', brokers, logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix))
    if (topics.length > 0) {
      await admin.deleteTopics({ topics })
    }
  } finally {
    await admin.disconnect()
  }
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}
