import { stateFile } from './paths.ts'
import { ensureInfra, infraStatus, stopInfra } from './state.ts'

const usage = 'usage: node tools/infra/src/cli.ts up|down|status|env'

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'up': {
      const infra = await ensureInfra({ keepRunning: true })
      console.log(`kafka ${what(infra.started.kafka, 'KAFKA_BROKERS')}: ${infra.kafkaBrokers.join(',')}`)
      console.log(`postgres ${what(infra.started.postgres, 'DATABASE_URL')}: ${infra.databaseUrl}`)
      console.log(`state: ${stateFile}`)
      return 0
    }
    case 'down':
      await stopInfra()
      return 0
    case 'status': {
      const status = await infraStatus()
      const kafka = status.kafka
      const postgres = status.postgres
      console.log(`kafka: ${kafka.running ? 'up' : 'down'} ${kafka.brokers.join(',')} ${describePid(kafka)}`)
      console.log(
        `postgres: ${postgres.running ? 'up' : 'down'} ${postgres.url ?? ''} ${describePid(postgres)}`,
      )
      console.log(`state: ${stateFile}`)
      return status.kafka.running && status.postgres.running ? 0 : 1
    }
    case 'env': {
      const infra = await ensureInfra({ report: () => undefined })
      console.log(`export KAFKA_BROKERS=${infra.kafkaBrokers.join(',')}`)
      console.log(`export DATABASE_URL=${infra.databaseUrl}`)
      return 0
    }
    default:
      console.error(usage)
      return 2
  }
}

function what(started: boolean, externalVariable: string): string {
  if (process.env[externalVariable]) return `external (${externalVariable})`

  return started ? 'started' : 'reused'
}

function describePid(part: { pid?: number; external: boolean }): string {
  if (part.external) return '(external)'

  return part.pid ? `(pid ${part.pid})` : ''
}

process.exitCode = await main(process.argv[2])
