import { parseArgs } from 'node:util'

import { serviceNames, type ServiceName } from '@pay/system'

export type ServiceEnv = Partial<Record<ServiceName | 'all', Record<string, string>>>

export interface BenchOptions {
  quick: boolean
  outDir: string
  /** Extra environment for the services, to measure a tuning without changing code. */
  env: ServiceEnv
  /** Re-render the reports from this report.json instead of measuring. */
  render: string | undefined
  /** Closed-loop client counts of the command throughput (pgbench runs the same counts). */
  clientLevels: number[]
  commandSeconds: number
  warmUpSeconds: number
  pgbenchSeconds: number
  propagationRate: number
  propagationSeconds: number
  batchSize: number
  batchConcurrency: number
  relayMessages: number
  relayRounds: number
  relayVariantBatchSizes: number[]
  /** The p99 answer time the headline command throughput must keep. */
  p99BudgetMs: number
}

export const usage = `usage: pnpm bench [--quick] [--out <dir>] [--env <service|all>:<NAME>=<value>]... [--render <report.json>]

Starts (or reuses) the local Kafka broker and Postgres cluster, runs a fresh isolated system of the
five services on them, measures it and writes <dir>/report.json and <dir>/report.md.

  --quick       a short run (about three minutes): smaller phases, one round each; the figures are
                rougher and the report says it was a quick run
  --out <dir>   where the reports go (default docs/benchmark)
  --env <service|all>:<NAME>=<value>
                extra environment for one service or all of them, to measure a tuning (repeatable),
                e.g. --env all:DATABASE_POOL_SIZE=20; the report lists it
  --render <report.json>
                measure nothing: write the reports again from an earlier report.json (after a
                change of the report's layout or of the p99 budget)
  --help        this text`

export function parseOptions(argv: string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string', default: 'docs/benchmark' },
      env: { type: 'string', multiple: true, default: [] },
      render: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    return undefined
  }

  const common = {
    outDir: values.out,
    env: envOf(values.env),
    render: values.render,
    propagationRate: 200,
    batchConcurrency: 16,
    p99BudgetMs: 250,
  }
  if (values.quick) {
    return {
      ...common,
      quick: true,
      clientLevels: [8],
      commandSeconds: 5,
      warmUpSeconds: 1,
      pgbenchSeconds: 5,
      propagationSeconds: 5,
      batchSize: 200,
      relayMessages: 5_000,
      relayRounds: 1,
      relayVariantBatchSizes: [],
    }
  }

  return {
    ...common,
    quick: false,
    clientLevels: [1, 4, 16, 48],
    commandSeconds: 15,
    warmUpSeconds: 3,
    pgbenchSeconds: 15,
    propagationSeconds: 20,
    batchSize: 1_000,
    relayMessages: 20_000,
    relayRounds: 2,
    relayVariantBatchSizes: [100, 2_000],
  }
}

function envOf(settings: string[]): ServiceEnv {
  const env: ServiceEnv = {}

  for (const setting of settings) {
    const match = /^([a-z]+):([A-Z_][A-Z0-9_]*)=(.*)$/.exec(setting)
    const service = match?.[1]
    if (match === null || (service !== 'all' && !(serviceNames as readonly string[]).includes(service!))) {
      throw new Error(`--env ${setting}: expected <service|all>:<NAME>=<value>`)
    }

    const key = service as ServiceName | 'all'
    env[key] = { ...env[key], [match[2]!]: match[3]! }
  }

  return env
}
