import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem } from 'node:os'

import type { Pool } from '@pay/db'
import { defaultKafkaVersion, stateFile } from '@pay/infra'

export interface MachineFacts {
  /** The commit measured, and whether the working tree differed from it. */
  commit: string
  cpuModel: string
  cores: number
  memoryGiB: number
  kernel: string
  node: string
  kafka: string
  postgres: string
  postgresSettings: Record<string, string>
  pgbench: string
  /** 1, 5 and 15 minute load averages when the run began: other work on the machine shows here. */
  loadAverageAtStart: number[]
}

const SETTINGS = ['fsync', 'synchronous_commit', 'shared_buffers', 'max_connections', 'wal_level']

export async function machineFacts(pool: Pool, pgbench: string): Promise<MachineFacts> {
  const { rows } = await pool.query<{ name: string; setting: string }>(
    'select name, current_setting(name) as setting from unnest($1::text[]) as name',
    [SETTINGS],
  )
  const version = await pool.query<{ server_version: string }>('show server_version')

  return {
    commit: gitCommit(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    kernel: release(),
    node: process.version,
    kafka: kafkaVersion(),
    postgres: version.rows[0]?.server_version ?? 'unknown',
    postgresSettings: Object.fromEntries(rows.map((row) => [row.name, row.setting])),
    pgbench: spawnSync(pgbench, ['--version'], { encoding: 'utf8' }).stdout.trim(),
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
  }
}

/** The pids of the broker and the cluster's postmaster tools/infra runs, when it runs them. */
export function infraPids(): { kafka: number | undefined; postmaster: number | undefined } {
  if (!existsSync(stateFile)) {
    return { kafka: undefined, postmaster: undefined }
  }

  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as {
    kafka?: { pid?: number }
    postgres?: { pid?: number }
  }

  return { kafka: state.kafka?.pid, postmaster: state.postgres?.pid }
}

/** The version tools/infra started (its state file), else its default; "external" when pointed elsewhere. */
function kafkaVersion(): string {
  if (process.env['KAFKA_BROKERS']) {
    return 'external broker (KAFKA_BROKERS)'
  }

  if (existsSync(stateFile)) {
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { kafka?: { version?: string } }
    if (state.kafka?.version) {
      return `${state.kafka.version} (KRaft, one combined broker and controller)`
    }
  }

  return defaultKafkaVersion
}

function gitCommit(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' })
  if (head.status !== 0) {
    return 'unknown'
  }

  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' })
  const dirty = status.stdout.trim().length > 0

  return `${head.stdout.trim()}${dirty ? ' (with uncommitted changes)' : ''}`
}
