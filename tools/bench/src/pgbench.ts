import { spawn, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'

import { summarize, type LatencySummary } from './stats.ts'

/** Debian installs each major version side by side here and puts only the clients on PATH. */
const debianLayout = '/usr/lib/postgresql'

/**
 * pgbench of the machine's Postgres, looked up the way tools/infra looks up initdb: PG_BIN, then
 * `pg_config --bindir`, then PATH, then the newest version of the Debian layout.
 */
export function findPgbench(env: NodeJS.ProcessEnv = process.env): string {
  const fromPgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' })
  const fromPath = (env['PATH'] ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'pgbench'))
    .find((path) => existsSync(path))
  const debian = existsSync(debianLayout)
    ? readdirSync(debianLayout)
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join(debianLayout, version, 'bin'))
    : []
  const candidates = [
    env['PG_BIN'],
    fromPgConfig.status === 0 ? fromPgConfig.stdout.trim() : undefined,
    fromPath === undefined ? undefined : dirname(realpathSync(fromPath)),
    ...debian,
  ]
  const dir = candidates.find(
    (candidate) => candidate !== undefined && existsSync(join(candidate, 'pgbench')),
  )
  if (dir === undefined) {
    throw new Error('pgbench not found; set PG_BIN to the folder of the Postgres binaries')
  }

  return join(dir, 'pgbench')
}

export interface TransactionSample {
  /** An outbox payload and headers of a real RequestCreated, and a real stored answer. */
  payloadHex: string
  headersJson: string
  responseBody: string
  userId: string
}

export interface PgbenchResult {
  clients: number
  threads: number
  durationS: number
  transactions: number
  tps: number
  latency: LatencySummary
  failed: number
}

/**
 * The request service's create-request transaction, statement for statement (see
 * @pay/idempotency runIdempotent, services/request createRequest and @pay/messaging
 * appendToOutbox): the idempotency lock and look-up, the batch read under FOR SHARE, the request
 * row, the outbox row with its NOTIFY, and the stored answer. Each client writes to its own batch;
 * the payload, headers, answer and user come in as `--define` variables from a real command.
 */
export function createRequestScript(): string {
  // The service's route is `/batches/:batchId/requests`; pgbench would read `:batchId` as a variable.
  const route = "'POST /batches/{batchId}/requests'"

  return `\\set k random(1, 1000000000000)
\\set amount random(100, 100000000)
BEGIN;
SELECT pg_try_advisory_xact_lock(hashtextextended(:user_id || chr(10) || ${route} || chr(10) || 'pgbench-' || :client_id || '-' || :k, 0)) AS locked;
SELECT request_hash, response_status, response_body, expires_at <= now() AS expired
  FROM idempotency_keys
 WHERE user_id = :user_id AND route = ${route} AND idempotency_key = 'pgbench-' || :client_id || '-' || :k;
SELECT id, seq, title, status, created_by, version, created_at, updated_at, submitted_at,
       processing_started_at, completed_at
  FROM batches WHERE id = md5('bench-batch-' || :client_id)::uuid FOR SHARE;
INSERT INTO payment_requests (id, batch_id, created_by, status, kind, currency, base_amount, extra_amount,
       extra_reason, beneficiary_name, beneficiary_account, purpose, entity_type, vendor_id,
       subcontractor_id, entity_name, site_id, site_code, total_amount)
VALUES (gen_random_uuid(), md5('bench-batch-' || :client_id)::uuid, :user_id::uuid, 'DRAFT', 'LEGACY', 'USD',
       :amount, 0, NULL, 'Jordan Reyes', 'PH12-3456', 'Travel', NULL, NULL, NULL, NULL, NULL, NULL,
       :amount::bigint + 0::bigint)
RETURNING id AS request_id, seq, batch_id, status, version, created_at, updated_at \\gset
INSERT INTO outbox (event_id, event_type, topic, message_key, payload, headers)
VALUES (gen_random_uuid(), 'RequestCreated', 'payments.requests.v1', :request_id, :payload::bytea, :headers::jsonb);
SELECT pg_notify('outbox_' || current_schema(), '');
INSERT INTO idempotency_keys
       (user_id, route, idempotency_key, request_hash, response_status, response_body, expires_at)
VALUES (:user_id, ${route}, 'pgbench-' || :client_id || '-' || :k, md5(:k::text) || md5(:client_id::text),
        201, :body, now() + make_interval(secs => 86400000::float8 / 1000))
ON CONFLICT (user_id, route, idempotency_key) DO UPDATE
   SET request_hash = excluded.request_hash, response_status = excluded.response_status,
       response_body = excluded.response_body, created_at = now(), expires_at = excluded.expires_at;
END;
`
}

export interface PgbenchRun {
  pgbench: string
  databaseUrl: string
  schema: string
  clients: number
  durationS: number
  sample: TransactionSample
}

/** Runs pgbench with one thread per core (at most one per client) and reads its per-transaction log. */
export async function runPgbench(run: PgbenchRun): Promise<PgbenchResult> {
  const url = new URL(run.databaseUrl)
  const work = mkdtempSync(join(tmpdir(), 'bench-pgbench-'))
  const script = join(work, 'create-request.sql')
  writeFileSync(script, createRequestScript())
  const threads = Math.min(run.clients, 2)

  try {
    const args = [
      '--no-vacuum',
      '--protocol=extended',
      `--client=${run.clients}`,
      `--jobs=${threads}`,
      `--time=${run.durationS}`,
      `--file=${script}`,
      '--log',
      `--log-prefix=${join(work, 'tx')}`,
      `--define=user_id=${run.sample.userId}`,
      `--define=payload=\\x${run.sample.payloadHex}`,
      `--define=headers=${run.sample.headersJson}`,
      `--define=body=${run.sample.responseBody}`,
    ]
    const output = await execute(run.pgbench, args, {
      ...process.env,
      PGHOST: url.hostname,
      PGPORT: url.port,
      PGUSER: decodeURIComponent(url.username),
      PGPASSWORD: decodeURIComponent(url.password),
      PGDATABASE: url.pathname.slice(1),
      PGOPTIONS: `-c search_path=${run.schema}`,
      PGAPPNAME: 'bench-pgbench',
    })
    const latencies = readdirSync(work)
      .filter((file) => file.startsWith('tx.'))
      .flatMap((file) => readFileSync(join(work, file), 'utf8').trim().split('\n'))
      .filter((line) => line.length > 0)
      // client_id transaction_no time_us script_no time_epoch time_us_fraction
      .map((line) => Number(line.split(' ')[2]) / 1000)
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1] ?? NaN)
    const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0)

    return {
      clients: run.clients,
      threads,
      durationS: run.durationS,
      transactions: latencies.length,
      tps: Math.round(tps),
      latency: summarize(latencies),
      failed,
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function execute(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`pgbench exited with ${code}:\n${output.slice(-2000)}`)),
    )
  })
}
