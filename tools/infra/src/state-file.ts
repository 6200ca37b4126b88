import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { withFileLock } from './file-lock.ts'
import { infraDir, stateFile } from './paths.ts'

export interface KafkaState {
  pid: number
  version: string
  port: number
  controllerPort: number
  brokers: string[]
  logFile: string
  /** Started by a test run rather than `cli up`: the last run to leave stops it. */
  autoStop: boolean
}

export interface PostgresState {
  pid?: number
  port: number
  password: string
  dataDir: string
  socketDir: string
  logFile: string
  url: string
  autoStop: boolean
}

export interface InfraState {
  kafka?: KafkaState
  postgres?: PostgresState
  /** Passwords of provisioned service roles, by role name. */
  serviceRoles?: Record<string, string>
  /** Pids of the test runs using the infrastructure right now. */
  leases?: number[]
}

const stateLock = join(infraDir, 'state.lock')

export function readState(): InfraState {
  if (!existsSync(stateFile)) return {}

  return JSON.parse(readFileSync(stateFile, 'utf8')) as InfraState
}

/** Writes through a rename so a reader never sees half a file. */
export function writeState(state: InfraState): void {
  mkdirSync(dirname(stateFile), { recursive: true })
  const temporary = `${stateFile}.${process.pid}.tmp`
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 })
  renameSync(temporary, stateFile)
}

/** Read-modify-write under a short lock: test workers provision roles concurrently. */
export async function updateState<T>(change: (state: InfraState) => T): Promise<T> {
  return withFileLock(stateLock, async () => {
    const state = readState()
    const result = change(state)
    writeState(state)

    return result
  })
}
