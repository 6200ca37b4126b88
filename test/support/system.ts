import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { serviceNames, startSystem, type RunningSystem, type ServiceName } from '@pay/system'
import { infra, uniqueName } from '@pay/testkit'

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}

/**
 * The whole product as separate processes, on the shared broker and cluster, isolated by its own
 * schemas, topics, consumer groups and ports.
 */
export async function startTestSystem(
  name: string,
  extraEnv: Record<string, string> = {},
): Promise<RunningSystem> {
  const namespace = `${uniqueName(name)}_`
  const ports = {} as Record<ServiceName, number>
  for (const service of serviceNames) {
    ports[service] = await freePort()
  }
  const logs: string[] = []

  const system = await startSystem({
    databaseUrl: infra().databaseUrl,
    kafkaBrokers: infra().kafkaBrokers,
    ports,
    namespace,
    topicPrefix: `${namespace.replaceAll('_', '-')}.`,
    soaStorageDir: join(tmpdir(), namespace, 'soa'),
    logLevel: 'warn',
    secrets: {
      INTERNAL_TOKEN_SECRET: `internal-${namespace}-0123456789abcdefghijklmnop`,
      JWT_SECRET: `jwt-${namespace}-0123456789abcdefghijklmnopqrstuv`,
      ADMIN_PASSWORD: 'Correct-Horse-Battery-42',
    },
    onLog: (service, line) => {
      logs.push(`${service} ${line}`)
      if (logs.length > 500) logs.shift()
    },
    extraEnv: Object.fromEntries(serviceNames.map((service) => [service, extraEnv])),
  }).catch((error: unknown) => {
    throw new Error(`the system did not start: ${String(error)}\n${logs.slice(-40).join('\n')}`)
  })

  return system
}
