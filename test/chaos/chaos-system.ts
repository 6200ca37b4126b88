import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { dropSchemaOwner } from '@pay/infra'
import { serviceNames, startSystem, type RunningSystem, type ServiceName } from '@pay/system'
import { infra, uniqueName } from '@pay/testkit'

import { freePort } from '../support/system.ts'

/** The five services, plus what the checks need to find their data: schemas, topics and logs. */
export interface ChaosSystem {
  system: RunningSystem
  /** Schemas are `<namespace><service>`. */
  namespace: string
  /** Prepended to every topic and consumer group. */
  topicPrefix: string
  /** One file per service, kept after the run for diagnosis. */
  logDir: string
  schemaOf(service: ServiceName): string
  logTail(service: ServiceName, lines?: number): string
  dropSchemas(): Promise<void>
}

/**
 * Like test/support's `startTestSystem` (separate processes, own schemas, topics and ports on the
 * shared infrastructure), but it also keeps the namespace the checks query and every log line in a
 * file: a chaos failure is read from the services' own accounts of the faults.
 */
export async function startChaosSystem(name: string, logLevel = 'warn'): Promise<ChaosSystem> {
  const namespace = `${uniqueName(name)}_`
  const topicPrefix = `${namespace.replaceAll('_', '-')}.`
  const logDir = join(tmpdir(), namespace, 'logs')
  mkdirSync(logDir, { recursive: true })
  const ports = {} as Record<ServiceName, number>
  for (const service of serviceNames) {
    ports[service] = await freePort()
  }
  const logFile = (service: ServiceName) => join(logDir, `${service}.log`)

  const system = await startSystem({
    databaseUrl: infra().databaseUrl,
    kafkaBrokers: infra().kafkaBrokers,
    ports,
    namespace,
    topicPrefix,
    soaStorageDir: join(tmpdir(), namespace, 'soa'),
    logLevel,
    secrets: {
      INTERNAL_TOKEN_SECRET: `internal-${namespace}-0123456789abcdefghijklmnop`,
      JWT_SECRET: `jwt-${namespace}-0123456789abcdefghijklmnopqrstuv`,
      ADMIN_PASSWORD: 'Correct-Horse-Battery-42',
    },
    onLog: (service, line) => appendFileSync(logFile(service), `${line}\n`),
    // The workload's creator sends more commands a minute than the product's default allows a person.
    extraEnv: { gateway: { MUTATIONS_PER_MINUTE: '100000' } },
  })

  return {
    system,
    namespace,
    topicPrefix,
    logDir,
    schemaOf: (service) => `${namespace}${service}`,
    logTail: (service, lines = 60) => {
      const file = logFile(service)
      if (!existsSync(file)) return '(no log lines)'

      // A crash prints its stack as plain lines; pino's JSON lines carry long stacks of their own.
      return readFileSync(file, 'utf8')
        .trimEnd()
        .split('\n')
        .slice(-lines)
        .map((line) => (line.startsWith('{') ? line.slice(0, 300) : line))
        .join('\n')
    },
    dropSchemas: async () => {
      for (const service of serviceNames) {
        await dropSchemaOwner(infra().databaseUrl, {
          schema: `${namespace}${service}`,
          role: `${namespace}${service}_svc`,
        })
      }
    },
  }
}
