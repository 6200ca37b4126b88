import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import type { BatchLifeResult } from './batch-life.ts'
import type { PhaseCpu } from './cpu-meter.ts'
import type { ClosedLoopResult } from './command-throughput.ts'
import type { MachineFacts } from './machine.ts'
import type { PgbenchResult } from './pgbench.ts'
import type { PropagationResult } from './propagation.ts'
import type { RelayResult } from './relay-throughput.ts'
import type { ServiceMemory } from './rss-sampler.ts'

export interface Target {
  name: string
  target: string
  measured: string
  met: boolean
}

export interface BenchReport {
  generatedAt: string
  /** Set when `--render` wrote the reports again from this run's JSON. */
  renderedAt?: string
  mode: 'full' | 'quick'
  runSeconds: number
  machine: MachineFacts
  /** Environment the benchmark gave the services beyond what startSystem sets. */
  serviceEnv: Record<string, Record<string, string> | undefined>
  commandThroughput: {
    p99BudgetMs: number
    levels: ClosedLoopResult[]
    /** The same load sent straight to the request service with an internal token: the gateway's share. */
    directLevels: ClosedLoopResult[]
    headline: ClosedLoopResult
    pgbench: PgbenchResult[]
    pgbenchCeiling: PgbenchResult
    ratio: number
  }
  propagation: PropagationResult
  relay: RelayResult
  batchLife: BatchLifeResult
  memory: Record<string, ServiceMemory>
  /** Where the machine's CPU went in each phase. */
  cpu: Record<string, PhaseCpu>
  targets: Target[]
}

export function targetsOf(report: Omit<BenchReport, 'targets'>): Target[] {
  const { commandThroughput, propagation, relay, memory } = report
  const heaviest = Object.entries(memory).sort(([, a], [, b]) => b.peakHwmMiB - a.peakHwmMiB)

  return [
    {
      name: 'command throughput vs the pgbench ceiling',
      target: '≥ 50%',
      measured: `${percent(commandThroughput.ratio)} (${commandThroughput.headline.throughputPerS}/s at p99 ${commandThroughput.headline.latency.p99Ms} ms vs ${commandThroughput.pgbenchCeiling.tps} tps)`,
      met: commandThroughput.ratio >= 0.5,
    },
    {
      name: `propagation p99, commit to audit row, at ${propagation.targetRatePerS} commands/s`,
      target: '≤ 100 ms',
      measured: `${propagation.commitToAudit.p99Ms} ms (achieved ${propagation.achievedRatePerS}/s)`,
      met:
        propagation.commitToAudit.p99Ms <= 100 &&
        propagation.achievedRatePerS >= propagation.targetRatePerS * 0.95,
    },
    {
      name: 'outbox relay vs the raw producer',
      target: '≥ 50%',
      measured: `${percent(relay.ratio)} (${relay.relayPerS} vs ${relay.rawPerS} messages/s)`,
      met: relay.ratio >= 0.5,
    },
    {
      name: 'peak RSS of every service (VmHWM)',
      target: '< 150 MiB each',
      measured: heaviest.map(([service, entry]) => `${service} ${entry.peakHwmMiB}`).join(', ') + ' MiB',
      met: heaviest.every(([, entry]) => entry.peakHwmMiB < 150),
    },
  ]
}

/** The highest throughput whose p99 keeps the budget; the lowest p99 when none does. */
export function headlineOf(levels: ClosedLoopResult[], p99BudgetMs: number): ClosedLoopResult {
  const within = levels.filter((level) => level.latency.p99Ms <= p99BudgetMs && level.errors === 0)
  if (within.length === 0) {
    return levels.reduce((best, level) => (level.latency.p99Ms < best.latency.p99Ms ? level : best))
  }

  return within.reduce((best, level) => (level.throughputPerS > best.throughputPerS ? level : best))
}

/** An earlier run's report with the headline and targets derived again under `p99BudgetMs`. */
export function rerender(report: BenchReport, p99BudgetMs: number): BenchReport {
  const commands = report.commandThroughput
  const headline = headlineOf(commands.levels, p99BudgetMs)
  const partial = {
    ...report,
    renderedAt: new Date().toISOString(),
    commandThroughput: {
      ...commands,
      p99BudgetMs,
      headline,
      ratio: Math.round((headline.throughputPerS / commands.pgbenchCeiling.tps) * 1000) / 1000,
    },
  }

  return { ...partial, targets: targetsOf(partial) }
}

export function writeReports(report: BenchReport, outDir: string): void {
  mkdirSync(outDir, { recursive: true })
  writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`)
  writeFileSync(join(outDir, 'report.md'), markdownOf(report))
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`
}

function table(header: string[], rows: (string | number)[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n')
}

function markdownOf(report: BenchReport): string {
  const { machine, commandThroughput: commands, propagation, relay, batchLife, memory } = report
  const services = Object.keys(memory).sort()
  const phases = [...new Set(services.flatMap((service) => Object.keys(memory[service]!.byPhase)))]

  return `# Benchmark report

Generated ${report.generatedAt} by \`pnpm bench${report.mode === 'quick' ? ' --quick' : ''}\` (${report.mode} run, ${report.runSeconds} s)${report.renderedAt === undefined ? '' : `; re-rendered ${report.renderedAt} with \`--render\``}.
Everything on one machine: the five services, the Kafka broker, the Postgres cluster, the load
generator, pgbench. On a machine shared with other work, figures drop by a third or more (section 6
shows how busy it was); compare ratios measured in the same run rather than absolute numbers across
runs.

## Targets

${table(
  ['target', 'aim', 'measured', ''],
  report.targets.map((target) => [
    target.name,
    target.target,
    target.measured,
    target.met ? 'met' : '**missed**',
  ]),
)}

## Machine

${table(
  ['', ''],
  [
    ['commit', machine.commit],
    ['CPU', `${machine.cores} × ${machine.cpuModel}`],
    ['memory', `${machine.memoryGiB} GiB`],
    ['kernel', machine.kernel],
    ['Node', machine.node],
    ['Kafka', machine.kafka],
    [
      'Postgres',
      `${machine.postgres} (${Object.entries(machine.postgresSettings)
        .map(([name, value]) => `${name}=${value}`)
        .join(', ')})`,
    ],
    ['pgbench', machine.pgbench],
    ['load average at start', machine.loadAverageAtStart.join(' / ')],
  ],
)}

Service settings are startSystem's (@pay/system: pool size 10 per service, \`--max-semi-space-size=2\`)
and the services' defaults, except (per service): ${envText(report.serviceEnv)}. The gateway's per-user
mutation limit is raised because a load test exceeds it on purpose.

## 1. Command throughput through the gateway, next to pgbench

A CREATOR creates legacy payment requests (\`POST /api/v1/batches/{id}/requests\` with a fresh
\`Idempotency-Key\` each) in a closed loop: N clients, each on its own DRAFT batch, send the next
request when the previous answer arrived, over keep-alive connections. ${commands.levels[0]?.warmUpS} s warm-up, then
${commands.levels[0]?.durationS} s measured per level; a request counts when it started and ended in the window.

pgbench runs the request service's transaction for that command, statement for statement, against
a scratch schema built from the request service's own migrations, in the same cluster during the
same run: the idempotency advisory lock and look-up, the batch row read \`FOR SHARE\`, the
payment_requests insert, the outbox insert (a real RequestCreated payload and traceparent header
taken from this run) with its \`pg_notify\`, and the idempotency row with the real stored answer;
extended protocol, one DRAFT batch per client, one thread per core.

The same closed loop was also sent straight to the request service (its own routes, with an
internal token signed as the gateway signs them), right after each gateway level: the difference is
what the gateway's hop costs (token check, session query in Postgres, forwarding).

${table(
  [
    'clients',
    'gateway req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'direct req/s',
    'direct p50 / p99 ms',
    'pgbench tps',
    'pgbench p50 / p99 ms',
    'gateway / pgbench',
  ],
  commands.levels.map((level) => {
    const pgbench = commands.pgbench.find((run) => run.clients === level.clients)
    const direct = commands.directLevels.find((run) => run.clients === level.clients)
    return [
      level.clients,
      level.throughputPerS,
      level.latency.p50Ms,
      level.latency.p99Ms,
      level.errors,
      direct?.throughputPerS ?? '–',
      direct ? `${direct.latency.p50Ms} / ${direct.latency.p99Ms}` : '–',
      pgbench?.tps ?? '–',
      pgbench ? `${pgbench.latency.p50Ms} / ${pgbench.latency.p99Ms}` : '–',
      pgbench ? percent(level.throughputPerS / pgbench.tps) : '–',
    ]
  }),
)}

CPU spent per command (milliseconds of one core, averaged over each level's run including its
warm-up: cores busy ÷ commands per second), from the CPU table below:

${table(
  ['clients', 'path', 'gateway', 'request', 'postgres', 'kafka', 'machine busy cores', 'other cores'],
  [...commands.levels, ...commands.directLevels].map((level) => {
    const path = commands.levels.includes(level) ? 'gateway' : 'direct'
    const cpu = report.cpu[`commands ${path} ×${level.clients}`]
    const perCommand = (cores: number | undefined) =>
      cores === undefined || level.throughputPerS === 0 ? '–' : round((cores * 1000) / level.throughputPerS)
    return [
      level.clients,
      path,
      perCommand(cpu?.serviceCores['gateway'] ?? 0),
      perCommand(cpu?.serviceCores['request']),
      perCommand(cpu?.cores.postgres),
      perCommand(cpu?.cores.kafka),
      cpu?.machineBusyCores ?? '–',
      cpu?.cores.other ?? '–',
    ]
  }),
)}

**Headline:** ${commands.headline.throughputPerS} commands/s at p99 ${commands.headline.latency.p99Ms} ms (p50 ${commands.headline.latency.p50Ms} ms) with ${commands.headline.clients} clients — the highest throughput whose p99 stays within ${commands.p99BudgetMs} ms.
The pgbench ceiling (best of its runs) is ${commands.pgbenchCeiling.tps} tps with ${commands.pgbenchCeiling.clients} clients: **ratio ${percent(commands.ratio)}**.

## 2. Event propagation: command commit to audit row

${propagation.sent} create-request commands sent open-loop at ${propagation.targetRatePerS}/s for ${propagation.durationS} s (a slow answer does not delay the next
send), over 8 DRAFT batches; ${propagation.created} created, ${propagation.errors} errors, achieved ${propagation.achievedRatePerS}/s. Then every
RequestCreated's audit row was awaited (the last arrived ${propagation.drainS} s after the last answer) and the times were read
with SQL straight from the tables: \`audit_log.recorded_at − audit_log.occurred_at\` (the event's
\`occurredAt\`, stamped by the request service inside the command's transaction just before commit),
split at \`outbox.published_at\` (the relay's claim of the row, its transaction's start).

${table(
  ['span', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
  [
    ['command answer (HTTP)', ...cols(propagation.commandLatency)],
    ['occurredAt → audit row', ...cols(propagation.commitToAudit)],
    ['occurredAt → relay claim', ...cols(propagation.commitToRelayClaim)],
    ['relay claim → audit row', ...cols(propagation.relayClaimToAudit)],
  ],
)}

## 3. Outbox relay next to the raw Kafka producer

${relay.messages} copies of this run's real RequestCreated outbox rows (average payload ${relay.averagePayloadBytes} bytes, with their
traceparent and event-type headers) in a scratch schema's outbox, committed at once with the NOTIFY
the services send, drained by an \`OutboxRelay\` of @pay/messaging that was already the leader with a
connected producer; timed until no row is unpublished (polled every 20 ms). The raw producer sends
the same messages (key, value, headers) with the relay's producer settings — kafkajs, idempotent,
one request in flight, \`acks: -1\` — in sequential \`sendBatch\` calls of the same size. Both to their
own ${relay.partitions}-partition topic.

${table(
  ['run', 'batch size', 'messages', 'seconds', 'messages/s', 'MB/s'],
  relay.runs.map((run) => [
    run.kind,
    run.batchSize,
    run.messages,
    run.seconds,
    run.messagesPerS,
    run.megabytesPerS,
  ]),
)}

Best at the default batch size (500): relay ${relay.relayPerS}/s, raw producer ${relay.rawPerS}/s: **ratio ${percent(relay.ratio)}**.

## 4. A batch of ${batchLife.requests} requests, created to completed and balanced

Through the public API, ${batchLife.concurrency} calls in flight at a time: the USD dual-control threshold raised (one
approval each), a CREATOR creates the batch and its ${batchLife.requests} requests (${batchLife.totalAmount}) and submits it; once the
batch shows every request PENDING_APPROVAL, an APPROVER approves each; once it shows every request
APPROVED, an ADMIN marks each paid; then the batch is polled until COMPLETED and the trial balance
until its USD debits grew by an accrual and a settlement per request. The batch is read every
250 ms (each read returns all its requests). A command refused with 409 would be retried after
100 ms (approve ${batchLife.retries.approve}, mark-paid ${batchLife.retries.markPaid} retries).

**Wall time: ${batchLife.wallS} s.**

${table(
  ['step done', 'seconds from start'],
  Object.entries(batchLife.steps).map(([step, seconds]) => [step, seconds]),
)}

## 5. Memory of each service

\`/proc/<pid>/status\` of the five service processes (children of the benchmark, found by parent pid
and working directory), sampled every 200 ms: VmHWM is the kernel's peak resident set over the
process's life (start-up and logins included); the sampled VmRSS peaks are per phase.

${table(
  ['service', 'pid', 'VmHWM MiB', 'peak sampled VmRSS MiB', ...phases, 'VmRSS at end'],
  services.map((service) => {
    const entry = memory[service]!
    return [
      service,
      entry.pid,
      entry.peakHwmMiB,
      entry.peakSampledRssMiB,
      ...phases.map((phase) => entry.byPhase[phase] ?? '–'),
      entry.lastRssMiB,
    ]
  }),
)}

## 6. Where the CPU went

Average cores busy per phase (of ${report.machine.cores}), from /proc: the five services, the benchmark
process (the load generator and the relay under test), Postgres (the postmaster and its backends
while they live), Kafka, and every other process. Processes that ended inside a phase (pgbench and
its connections) count only in "machine busy". A high "other" means the phase shared the machine
with unrelated work and measured less than the machine can do. The broker and the cluster may be
shared too (tools/infra runs one of each for every session and test run): their columns then
include other sessions' work, which shows as Kafka or Postgres time beyond what the phase needs.

${table(
  [
    'phase',
    'seconds',
    'machine busy',
    'services',
    'gateway',
    'request',
    'approval',
    'ledger',
    'audit',
    'bench',
    'postgres',
    'kafka',
    'other',
  ],
  // A phase of a few milliseconds (a boundary between two others) says nothing.
  Object.entries(report.cpu)
    .filter(([, entry]) => entry.seconds >= 1)
    .map(([phase, entry]) => [
      phase,
      entry.seconds,
      entry.machineBusyCores,
      entry.cores.services,
      ...['gateway', 'request', 'approval', 'ledger', 'audit'].map(
        (service) => entry.serviceCores[service] ?? 0,
      ),
      entry.cores.bench,
      entry.cores.postgres,
      entry.cores.kafka,
      entry.cores.other,
    ]),
)}

## Reproduce

\`\`\`sh
pnpm bench            # or ./dev bench; the full run, under 10 minutes
pnpm bench --quick    # about three minutes, rougher figures
\`\`\`

It leases the broker and cluster of tools/infra (starting them when nothing runs), starts its own
system (schemas \`bench_…\`, topics \`bench-….\`, free ports), and removes its schemas, roles and topics
at the end. The code is in \`tools/bench/src\`, one file per measurement.
`
}

function envText(env: Record<string, Record<string, string> | undefined>): string {
  return Object.entries(env)
    .filter(([, values]) => values !== undefined && Object.keys(values).length > 0)
    .map(
      ([service, values]) =>
        `${service} ${Object.entries(values!)
          .map(([name, value]) => `\`${name}=${value}\``)
          .join(' ')}`,
    )
    .join('; ')
}

function cols(summary: { p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number }): number[] {
  return [summary.p50Ms, summary.p90Ms, summary.p99Ms, summary.maxMs]
}
