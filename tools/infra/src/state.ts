import { join } from 'node:path'
import { isOurKafka, kafkaAnswers, kafkaSettings, startKafka, stopKafka } from './kafka.ts'
import { withFileLock } from './file-lock.ts'
import { infraDir } from './paths.ts'
import { isOurPostgres, postgresAnswers, startPostgres, stopPostgres } from './postgres.ts'
import { isAlive } from './processes.ts'
import { printReport, type Report } from './report.ts'
import { readState, updateState, type KafkaState, type PostgresState } from './state-file.ts'

export interface InfraEndpoints {
  databaseUrl: string
  kafkaBrokers: string[]
}

export interface EnsuredInfra extends InfraEndpoints {
  started: { kafka: boolean; postgres: boolean }
}

export interface EnsureOptions {
  report?: Report
  /** A test run takes a lease: what test runs start is stopped when the last lease is released. */
  lease?: boolean
  /** `cli up`: whatever runs now keeps running until `down`, whoever started it. */
  keepRunning?: boolean
}

/** Held while starting or stopping, so two runs never start two brokers. */
const lifecycleLock = join(infraDir, 'lifecycle.lock')

/**
 * Returns the URLs of a running Kafka broker and Postgres cluster, reusing the ones recorded in the
 * state file when they still answer, starting them otherwise. KAFKA_BROKERS and DATABASE_URL point
 * at outside infrastructure and start nothing.
 */
export async function ensureInfra(options: EnsureOptions = {}): Promise<EnsuredInfra> {
  const report = options.report ?? printReport
  const lease = options.lease ?? false
  const autoStop = lease && !options.keepRunning

  return withFileLock(lifecycleLock, async () => {
    const state = readState()
    // Settled, not Promise.all: a failing broker must not abandon a cluster half-way through its start.
    const [kafkaResult, postgresResult] = await Promise.allSettled([
      ensureKafka(state.kafka, report, autoStop),
      ensurePostgres(state.postgres, report, autoStop),
    ])
    if (kafkaResult.status === 'rejected') throw kafkaResult.reason
    if (postgresResult.status === 'rejected') throw postgresResult.reason

    const kafka = kafkaResult.value
    const postgres = postgresResult.value
    await updateState((next) => {
      if (lease) next.leases = [...liveLeases(next.leases), process.pid]
      if (options.keepRunning) keepRunning(next)
    })

    return {
      databaseUrl: postgres.url,
      kafkaBrokers: kafka.brokers,
      started: { kafka: kafka.started, postgres: postgres.started },
    }
  })
}

interface KafkaOutcome {
  brokers: string[]
  started: boolean
}

async function ensureKafka(
  previous: KafkaState | undefined,
  report: Report,
  autoStop: boolean,
): Promise<KafkaOutcome> {
  const external = process.env['KAFKA_BROKERS']
  if (external) return { brokers: external.split(',').map((broker) => broker.trim()), started: false }

  if (previous && isOurKafka(previous.pid)) {
    if (await kafkaAnswers(previous.brokers, 10_000)) {
      report(`kafka: reusing broker pid ${previous.pid} on ${previous.brokers.join(',')}`)
      return { brokers: previous.brokers, started: false }
    }

    report(`kafka: broker pid ${previous.pid} does not answer; restarting it`)
    await stopKafka(previous.pid)
  }

  const started = performance.now()
  const broker = await startKafka(kafkaSettings(), report)
  await updateState((next) => (next.kafka = { ...broker, autoStop }))
  report(`kafka: broker pid ${broker.pid} ready on ${broker.brokers.join(',')} in ${secondsSince(started)}`)

  return { brokers: broker.brokers, started: true }
}

interface PostgresOutcome {
  url: string
  started: boolean
}

async function ensurePostgres(
  previous: PostgresState | undefined,
  report: Report,
  autoStop: boolean,
): Promise<PostgresOutcome> {
  const external = process.env['DATABASE_URL']
  if (external) return { url: external, started: false }

  if (previous && isOurPostgres(previous.pid) && (await postgresAnswers(previous.url))) {
    report(`postgres: reusing cluster pid ${previous.pid} on 127.0.0.1:${previous.port}`)
    return { url: previous.url, started: false }
  }

  if (previous && isOurPostgres(previous.pid)) {
    report(`postgres: cluster pid ${previous.pid} does not answer; restarting it`)
    await stopPostgres(previous)
  }

  const started = performance.now()
  // Recorded as soon as initdb has set the password, so a failed first start can still be retried.
  const remember = (cluster: PostgresState) =>
    updateState((next) => (next.postgres = { ...cluster, autoStop }))
  const cluster = await startPostgres(previous, report, remember)
  await remember(cluster)
  report(
    `postgres: cluster pid ${cluster.pid} ready on 127.0.0.1:${cluster.port} in ${secondsSince(started)}`,
  )

  return { url: cluster.url, started: true }
}

function secondsSince(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`
}

function liveLeases(leases: number[] | undefined): number[] {
  return (leases ?? []).filter((pid) => pid !== process.pid && isAlive(pid))
}

function keepRunning(state: { kafka?: KafkaState; postgres?: PostgresState }): void {
  if (state.kafka) state.kafka.autoStop = false
  if (state.postgres) state.postgres.autoStop = false
}

/**
 * Ends this process's lease. When no other test run holds one, stops what test runs started;
 * what `cli up` started keeps running for everybody.
 */
export async function releaseInfra(options: { report?: Report } = {}): Promise<void> {
  const report = options.report ?? printReport

  await withFileLock(lifecycleLock, async () => {
    const remaining = await updateState((state) => (state.leases = liveLeases(state.leases)))
    if (remaining.length > 0) return

    const state = readState()
    await Promise.all([
      state.kafka?.autoStop ? stopKafkaRecorded(state.kafka, report) : undefined,
      state.postgres?.autoStop ? stopPostgresRecorded(state.postgres, report) : undefined,
    ])
  })
}

/** Stops the broker and the cluster whoever started them. */
export async function stopInfra(options: { report?: Report } = {}): Promise<void> {
  const report = options.report ?? printReport

  await withFileLock(lifecycleLock, async () => {
    const state = readState()
    await Promise.all([
      state.kafka ? stopKafkaRecorded(state.kafka, report) : undefined,
      state.postgres ? stopPostgresRecorded(state.postgres, report) : undefined,
    ])
    await updateState((next) => {
      next.leases = []
    })
  })
}

export type InfraPart = 'kafka' | 'postgres'

/**
 * Stops the running broker or cluster and starts it again on the same port and data, as an outage
 * would; whoever was to stop it at the end still does. Every client sees its connections drop. The
 * chaos tests use it under load.
 */
export async function restartInfra(part: InfraPart, options: { report?: Report } = {}): Promise<void> {
  const report = options.report ?? printReport
  const variable = part === 'kafka' ? 'KAFKA_BROKERS' : 'DATABASE_URL'
  if (process.env[variable])
    throw new Error(`${part} is external (${variable}): only what the tooling started restarts`)

  await withFileLock(lifecycleLock, async () => {
    const state = readState()
    if (part === 'kafka') {
      if (!state.kafka) throw new Error('no Kafka broker is recorded in the state file')

      await stopKafkaRecorded(state.kafka, report)
      await ensureKafka(state.kafka, report, state.kafka.autoStop)
      return
    }

    if (!state.postgres) throw new Error('no Postgres cluster is recorded in the state file')

    await stopPostgresRecorded(state.postgres, report)
    await ensurePostgres(state.postgres, report, state.postgres.autoStop)
  })
}

async function stopKafkaRecorded(kafka: KafkaState, report: Report): Promise<void> {
  if (!isOurKafka(kafka.pid)) return

  report(`kafka: stopping broker pid ${kafka.pid}`)
  await stopKafka(kafka.pid)
}

async function stopPostgresRecorded(postgres: PostgresState, report: Report): Promise<void> {
  if (!isOurPostgres(postgres.pid)) return

  report(`postgres: stopping cluster pid ${postgres.pid}`)
  await stopPostgres(postgres)
}

export interface InfraStatus {
  kafka: { brokers: string[]; pid?: number; running: boolean; external: boolean }
  postgres: { url?: string; pid?: number; running: boolean; external: boolean }
}

export async function infraStatus(): Promise<InfraStatus> {
  const state = readState()
  const externalBrokers = process.env['KAFKA_BROKERS']
  const externalUrl = process.env['DATABASE_URL']
  const brokers = externalBrokers ? externalBrokers.split(',') : (state.kafka?.brokers ?? [])
  const url = externalUrl ?? state.postgres?.url

  return {
    kafka: {
      brokers,
      pid: externalBrokers ? undefined : state.kafka?.pid,
      running: brokers.length > 0 && (await kafkaAnswers(brokers)),
      external: Boolean(externalBrokers),
    },
    postgres: {
      url,
      pid: externalUrl ? undefined : state.postgres?.pid,
      running: url !== undefined && (await postgresAnswers(url)),
      external: Boolean(externalUrl),
    },
  }
}
