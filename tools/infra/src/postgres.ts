import { createHash, randomBytes } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import pg from 'pg'
import { localDir } from './paths.ts'
import { findPgBin } from './pg-binaries.ts'
import { findFreePort } from './ports.ts'
import { commandLineContains, isAlive, stopProcess, tailOf } from './processes.ts'
import type { Report } from './report.ts'
import { runCommand, runOrThrow } from './run-command.ts'
import { serverUser, type ServerUser } from './server-user.ts'
import type { PostgresState } from './state-file.ts'

export const databaseName = 'payments'
const superuser = 'postgres'

const home = clusterHome()
const dataDir = join(home, 'data')
const socketDir = join(home, 'run')
const logFile = join(home, 'postgres.log')

/**
 * Where the cluster lives: `.local/postgres` in the checkout, unless a caller running as root has
 * the checkout somewhere other users cannot walk into (under /root, say). The server runs as an
 * unprivileged user, so the cluster then goes to the system's temp folder, one per checkout.
 */
function clusterHome(): string {
  const inCheckout = join(localDir, 'postgres')
  if (process.getuid?.() !== 0 || reachableByOthers(dirname(localDir))) {
    return inCheckout
  }

  const checkout = createHash('sha256').update(localDir).digest('hex').slice(0, 12)
  return join(tmpdir(), `payments-postgres-${checkout}`)
}

function reachableByOthers(path: string): boolean {
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      return false
    }
    if (dirname(dir) === dir) {
      return true
    }
  }
}

/**
 * Starts the private cluster under .local (creating it with initdb the first time) and makes sure
 * the `payments` database exists. The port chosen at creation is kept in postgresql.conf and the
 * state file, so URLs stay valid across restarts.
 */
export async function startPostgres(
  previous: PostgresState | undefined,
  report: Report,
  remember: (created: PostgresState) => Promise<unknown>,
): Promise<PostgresState> {
  const binDir = findPgBin()
  const user = await serverUser()
  const initialized = existsSync(join(dataDir, 'PG_VERSION'))
  if (initialized && !previous) {
    throw new Error(
      `${dataDir} exists but its password is not in the state file; delete ${home} to start over`,
    )
  }

  const cluster = initialized && previous ? previous : await initCluster(binDir, user, report)
  if (cluster !== previous) await remember(cluster)

  writeSettings(cluster.port, user)
  prepareWritable(socketDir, user)
  prepareWritable(logFile, user)

  report(`postgres: starting on 127.0.0.1:${cluster.port}`)
  const start = await runCommand(
    join(binDir, 'pg_ctl'),
    ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start'],
    asServerUser(user),
  )
  if (start.code !== 0) {
    throw new Error(`pg_ctl start failed:\n${start.output.trimEnd()}\n--- ${logFile}\n${logTail()}`)
  }

  await ensureDatabase(cluster)

  return { ...cluster, pid: postmasterPid() }
}

async function initCluster(
  binDir: string,
  user: ServerUser | undefined,
  report: Report,
): Promise<PostgresState> {
  report(`postgres: creating a cluster in ${dataDir} with initdb`)
  rmSync(dataDir, { recursive: true, force: true })
  mkdirSync(home, { recursive: true })
  prepareWritable(dataDir, user, 0o700)
  assertReachable(user)
  const port = await findFreePort()
  const password = randomBytes(24).toString('hex')
  const passwordFile = join(dataDir, '..', '.initdb-password')
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 })
  if (user) chownSync(passwordFile, user.uid, user.gid)

  try {
    await runOrThrow(
      join(binDir, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        superuser,
        '--pwfile',
        passwordFile,
        '--auth-local=scram-sha-256',
        '--auth-host=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
      ],
      asServerUser(user),
    )
  } finally {
    rmSync(passwordFile, { force: true })
  }

  const url = adminUrl(port, password, databaseName)

  return { port, password, dataDir, socketDir, logFile, url, autoStop: true }
}

const settingsFile = 'pay-infra.conf'

/**
 * Rewritten before every start so that a change here reaches existing clusters; postgresql.conf
 * only gains the line that includes it.
 */
function writeSettings(port: number, user: ServerUser | undefined): void {
  const mainConfig = join(dataDir, 'postgresql.conf')
  const include = `include_if_exists = '${settingsFile}'`
  if (!readFileSync(mainConfig, 'utf8').includes(include)) appendFileSync(mainConfig, `\n${include}\n`)

  const settings = join(dataDir, settingsFile)
  writeFileSync(
    settings,
    [
      '# Written by tools/infra on every start: a private cluster for development and tests.',
      "listen_addresses = '127.0.0.1'",
      `port = ${port}`,
      `unix_socket_directories = '${socketDir}'`,
      // Five services with their pools plus parallel test workers exceed the default 100.
      'max_connections = 300',
      // Development and test data only, never anything to keep: commits measured 3-5x faster without
      // fsync (about 1.2 ms down to 0.3 ms each). The price is that an OS crash (not a server crash)
      // can corrupt the cluster; delete .local/postgres and it is recreated on the next start.
      'fsync = off',
      '',
    ].join('\n'),
  )
  if (user) chownSync(settings, user.uid, user.gid)
}

function adminUrl(port: number, password: string, database: string): string {
  return `postgres://${superuser}:${password}@127.0.0.1:${port}/${database}`
}

/** The server user must be able to walk down to .local, which a checkout under /root would prevent. */
function assertReachable(user: ServerUser | undefined): void {
  if (!user) return

  const probe = spawnSync('test', ['-w', dataDir], { uid: user.uid, gid: user.gid })
  if (probe.status !== 0) {
    throw new Error(
      `the ${user.name} user cannot write ${dataDir}; the checkout must be reachable by that user`,
    )
  }
}

function prepareWritable(path: string, user: ServerUser | undefined, mode = 0o755): void {
  if (path.endsWith('.log')) {
    if (!existsSync(path)) writeFileSync(path, '')
  } else {
    mkdirSync(path, { recursive: true, mode })
  }

  if (user) chownSync(path, user.uid, user.gid)
}

function asServerUser(user: ServerUser | undefined): {
  uid?: number
  gid?: number
  cwd: string
  env: NodeJS.ProcessEnv
} {
  const env = { ...process.env, LC_ALL: 'C' }

  return user ? { uid: user.uid, gid: user.gid, cwd: home, env } : { cwd: home, env }
}

async function ensureDatabase(cluster: PostgresState): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl(cluster.port, cluster.password, 'postgres') })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName])
    if (rowCount === 0) await client.query(`CREATE DATABASE ${databaseName}`)
  } finally {
    await client.end()
  }
}

function postmasterPid(): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return undefined

  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])

  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

function logTail(): string {
  return existsSync(logFile) ? tailOf(readFileSync(logFile, 'utf8')) : '(no log)'
}

export function isOurPostgres(pid: number | undefined): pid is number {
  return isAlive(pid) && commandLineContains(pid, 'postgres')
}

/** True when the server takes a login and a query, not merely when its process exists. */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

export async function stopPostgres(state: PostgresState): Promise<void> {
  const pid = state.pid ?? postmasterPid()
  if (!isOurPostgres(pid)) return

  const user = await serverUser()
  const stop = await runCommand(
    join(findPgBin(), 'pg_ctl'),
    ['-D', state.dataDir, '-m', 'fast', '-w', '-t', '30', 'stop'],
    asServerUser(user),
  )
  if (stop.code !== 0) await stopProcess(pid, 10_000)
}
