import { createPool } from '@pay/db'
import type { ApiClient } from '@pay/system'
import { signInternalToken, type Principal } from '@pay/service-auth'

import { measureBatchLife } from './batch-life.ts'
import { startBenchSystem } from './bench-system.ts'
import { measureCommandThroughput, type ClosedLoopResult } from './command-throughput.ts'
import { CpuMeter } from './cpu-meter.ts'
import { infraPids, machineFacts } from './machine.ts'
import type { BenchOptions } from './options.ts'
import { findPgbench, runPgbench, type PgbenchResult, type TransactionSample } from './pgbench.ts'
import { measurePropagation } from './propagation.ts'
import { measureRelay } from './relay-throughput.ts'
import { headlineOf, targetsOf, type BenchReport } from './report.ts'
import { RssSampler } from './rss-sampler.ts'
import { createScratchSchema, insertClientBatches } from './scratch-schema.ts'
import { findServicePids } from './service-processes.ts'

/** Every measurement in turn against one fresh system; cleans up whatever happens. */
export async function runBenchmark(
  options: BenchOptions,
  report: (line: string) => void,
): Promise<BenchReport> {
  const started = performance.now()
  const pgbench = findPgbench()
  const bench = await startBenchSystem(report, options.env)
  const { namespace } = bench
  const adminPool = createPool({ connectionString: bench.databaseUrl, schema: 'public', max: 2 })
  const sampler = new RssSampler()
  const cpu = new CpuMeter({ ...infraPids(), services: () => findServicePids() })
  const phase = (name: string) => {
    sampler.phase(name)
    cpu.phase(name)
  }
  sampler.start()
  const scratch = await createScratchSchema(bench.databaseUrl, `${namespace}scratch`)

  try {
    const machine = await machineFacts(adminPool, pgbench)
    const tokens = {
      gatewayUrl: bench.system.gatewayUrl,
      creator: bench.creator.accessToken!,
      approver: bench.approver.accessToken!,
      admin: bench.admin.accessToken!,
    }

    sampler.phase('commands')
    const gateway = { baseUrl: tokens.gatewayUrl, accessToken: tokens.creator, basePath: '/api/v1/' }
    const direct = {
      baseUrl: bench.system.urls.request,
      accessToken: await creatorInternalToken(bench.creator, bench.internalTokenSecret),
      basePath: '/',
    }
    const levels: ClosedLoopResult[] = []
    const directLevels: ClosedLoopResult[] = []
    for (const clients of options.clientLevels) {
      for (const [name, target, results] of [
        ['gateway', gateway, levels],
        ['request service directly', direct, directLevels],
      ] as const) {
        report(
          `commands via ${name}: ${clients} clients, ${options.warmUpSeconds} + ${options.commandSeconds} s`,
        )
        cpu.phase(`commands ${results === levels ? 'gateway' : 'direct'} ×${clients}`)
        const level = await measureCommandThroughput({
          target,
          clients,
          durationS: options.commandSeconds,
          warmUpS: options.warmUpSeconds,
        })
        report(`  ${level.throughputPerS}/s, p50 ${level.latency.p50Ms} ms, p99 ${level.latency.p99Ms} ms`)
        results.push(level)
      }
    }

    phase('pgbench')
    const sample = await transactionSample(adminPool, namespace)
    await insertClientBatches(scratch.pool, Math.max(...options.clientLevels), sample.userId)
    const pgbenchRuns: PgbenchResult[] = []
    for (const clients of options.clientLevels) {
      report(`pgbench: ${clients} clients for ${options.pgbenchSeconds} s`)
      const run = await runPgbench({
        pgbench,
        databaseUrl: bench.databaseUrl,
        schema: scratch.name,
        clients,
        durationS: options.pgbenchSeconds,
        sample,
      })
      report(`  ${run.tps} tps, p50 ${run.latency.p50Ms} ms, p99 ${run.latency.p99Ms} ms`)
      pgbenchRuns.push(run)
    }
    const headline = headlineOf(levels, options.p99BudgetMs)
    const pgbenchCeiling = pgbenchRuns.reduce((best, run) => (run.tps > best.tps ? run : best))

    phase('propagation')
    report(`propagation: ${options.propagationRate} commands/s for ${options.propagationSeconds} s`)
    const propagation = await measurePropagation({
      gatewayUrl: tokens.gatewayUrl,
      accessToken: tokens.creator,
      adminPool,
      namespace,
      ratePerS: options.propagationRate,
      durationS: options.propagationSeconds,
    })
    report(`  p50 ${propagation.commitToAudit.p50Ms} ms, p99 ${propagation.commitToAudit.p99Ms} ms`)

    phase('batch-life')
    report(`batch life: ${options.batchSize} requests`)
    const batchLife = await measureBatchLife(tokens, options.batchSize, options.batchConcurrency)
    report(`  ${batchLife.wallS} s ${JSON.stringify(batchLife.steps)}`)

    phase('relay')
    report(`relay: ${options.relayMessages} messages`)
    const relay = await measureRelay({
      pool: scratch.pool,
      schema: scratch.name,
      sourceOutbox: `${namespace}request.outbox`,
      kafkaBrokers: bench.kafkaBrokers,
      topicPrefix: bench.topicPrefix,
      messages: options.relayMessages,
      rounds: options.relayRounds,
      variantBatchSizes: options.relayVariantBatchSizes,
    })
    report(`  relay ${relay.relayPerS}/s, raw ${relay.rawPerS}/s`)

    const memory = sampler.stop()
    const cpuByPhase = cpu.stop()
    const partial: Omit<BenchReport, 'targets'> = {
      generatedAt: new Date().toISOString(),
      mode: options.quick ? 'quick' : 'full',
      runSeconds: Math.round((performance.now() - started) / 1000),
      machine,
      serviceEnv: bench.serviceEnv,
      commandThroughput: {
        p99BudgetMs: options.p99BudgetMs,
        levels,
        directLevels,
        headline,
        pgbench: pgbenchRuns,
        pgbenchCeiling,
        ratio: Math.round((headline.throughputPerS / pgbenchCeiling.tps) * 1000) / 1000,
      },
      propagation,
      relay,
      batchLife,
      memory,
      cpu: cpuByPhase,
    }

    return { ...partial, targets: targetsOf(partial) }
  } catch (error) {
    report(`service logs (last lines):\n${bench.logs.slice(-20).join('\n')}`)
    throw error
  } finally {
    sampler.stop()
    await scratch
      .drop()
      .catch((error: unknown) => report(`could not drop the scratch schema: ${String(error)}`))
    await adminPool.end()
    await bench.close()
  }
}

/** A real RequestCreated outbox row and stored answer of this run, for pgbench to write the same sizes. */
async function transactionSample(
  pool: ReturnType<typeof createPool>,
  namespace: string,
): Promise<TransactionSample> {
  const { rows } = await pool.query<{ payload: Buffer; headers: unknown; created_by: string }>(
    `select o.payload, o.headers, r.created_by::text as created_by
       from ${namespace}request.outbox o
       join ${namespace}request.payment_requests r on r.id::text = o.message_key
      where o.event_type = 'RequestCreated'
      limit 1`,
  )
  const answer = await pool.query<{ response_body: string }>(
    `select response_body from ${namespace}request.idempotency_keys
      where route like '%/requests' and response_status = 201 limit 1`,
  )
  const row = rows[0]
  if (row === undefined || answer.rows[0] === undefined) {
    throw new Error('no RequestCreated row to take the transaction sample from')
  }

  return {
    payloadHex: row.payload.toString('hex'),
    headersJson: JSON.stringify(row.headers),
    responseBody: answer.rows[0].response_body,
    userId: row.created_by,
  }
}

/** An internal token for the creator, as the gateway would sign it, valid for the whole run. */
async function creatorInternalToken(creator: ApiClient, secret: string): Promise<string> {
  const me = await creator.expect<{ id: string; username: string; role: Principal['role'] }>(
    200,
    'GET',
    'users/me',
  )

  return signInternalToken({ userId: me.id, username: me.username, role: me.role }, 'request', {
    secret,
    ttlSeconds: 3_600,
  })
}
