// `./dev up`: Kafka, Postgres and the five services on this machine, until Ctrl-C.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { ensureInfra, releaseInfra } from '@pay/infra'

import { seedDemo } from './demo-seed.ts'
import { defaultPorts, serviceNames, type ServiceName } from './services.ts'
import { localSecrets } from './secrets.ts'
import { startSystem } from './system.ts'

const { values: flags } = parseArgs({
  options: {
    seed: { type: 'boolean', default: false },
    logs: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

if (flags.help) {
  console.log(`usage: ./dev up [--seed] [--logs]
  --seed   create demo users, master data and a few batches (once; safe to repeat)
  --logs   print every service's JSON log lines (by default only warnings and errors)
Uses KAFKA_BROKERS and DATABASE_URL when set; otherwise starts its own broker and cluster.`)
  process.exit(0)
}

const localDir = fileURLToPath(new URL('../../../.local/', import.meta.url))
const infra = await ensureInfra({ lease: true })
const secrets = localSecrets(join(localDir, 'system', 'secrets.json'))
const ports = Object.fromEntries(
  serviceNames.map((name) => [name, Number(process.env[`${name.toUpperCase()}_PORT`] ?? defaultPorts[name])]),
) as Record<ServiceName, number>

console.log('system: starting the services')
const system = await startSystem({
  databaseUrl: infra.databaseUrl,
  kafkaBrokers: infra.kafkaBrokers,
  ports,
  secrets,
  soaStorageDir: join(localDir, 'soa'),
  onLog: (service, line) => printLog(service, line, flags.logs),
}).catch(async (error: unknown) => {
  console.error(`system: start failed: ${error instanceof Error ? error.message : String(error)}`)
  await releaseInfra()
  process.exit(1)
})

if (flags.seed) {
  await seedDemo(system.gatewayUrl, system.adminUsername, system.adminPassword)
}

console.log(`system: ready
  API       ${system.gatewayUrl}/api/v1   (OpenAPI UI: ${system.gatewayUrl}/docs)
  admin     ${system.adminUsername} / password in .local/system/secrets.json (ADMIN_PASSWORD)
  stop      Ctrl-C`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return
    stopping = true
    console.log('system: stopping')
    void system
      .stop()
      .then(() => releaseInfra())
      .then(() => process.exit(0))
  })
}

function printLog(service: string, line: string, everything: boolean): void {
  let level: unknown
  try {
    level = (JSON.parse(line) as { level?: unknown }).level
  } catch {
    level = undefined
  }

  if (everything || level === undefined || ['warn', 'error', 'fatal'].includes(String(level))) {
    console.log(`${service.padEnd(8)} ${line}`)
  }
}
