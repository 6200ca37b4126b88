import { checkInvariants } from '@pay/cli'
import { infraStatus, restartInfra } from '@pay/infra'
import { ApiClient } from '@pay/system'
import { infra, waitFor } from '@pay/testkit'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startChaosSystem, type ChaosSystem } from './chaos-system.ts'
import { backlogOf, isDrained, type Backlog } from './drain.ts'
import { checkEffects, type Check } from './effect-checks.ts'
import { describeFault, faultPlan, otherInfraUsers, strike, type FaultOutcome } from './faults.ts'
import { Interleaving } from './interleaving.ts'
import { KafkaViews } from './kafka-views.ts'
import { PersistentClient, type CommandRecord } from './persistent-client.ts'
import { chaosSettings } from './settings.ts'
import { runBatchLife, type Actors } from './workload.ts'

const settings = chaosSettings()
const password = 'Seven-Blue-Kites-Fly-91'

describe('the system under faults', () => {
  let chaos: ChaosSystem
  let actors: Actors
  let adminApi: ApiClient
  const journal: CommandRecord[] = []
  let passed = false

  beforeAll(async () => {
    chaos = await startChaosSystem('chaos')
    adminApi = await ApiClient.login(
      chaos.system.gatewayUrl,
      chaos.system.adminUsername,
      chaos.system.adminPassword,
    )
    for (const [username, role] of [
      ['cora.creator', 'CREATOR'],
      ['abe.approver', 'APPROVER'],
    ]) {
      await adminApi.expect(201, 'POST', 'users', {
        body: { username, password, role, displayName: username },
      })
    }
    const clientOptions = { boundMs: settings.commandBoundMs, loseEvery: settings.loseAnswerEvery }
    const login = (username: string) => ApiClient.login(chaos.system.gatewayUrl, username, password)
    actors = {
      creator: new PersistentClient('creator', await login('cora.creator'), journal, clientOptions),
      approver: new PersistentClient('approver', await login('abe.approver'), journal, clientOptions),
      admin: new PersistentClient('admin', adminApi, journal, clientOptions),
    }
  }, 180_000)

  afterAll(async () => {
    await chaos?.system.stop()
    // Whatever happened, the broker and the cluster other runs share are left up.
    const status = await infraStatus()
    if (!status.kafka.running && !status.kafka.external) await restartInfra('kafka')
    if (!status.postgres.running && !status.postgres.external) await restartInfra('postgres')
    if (passed) await chaos?.dropSchemas()
    else if (chaos) console.log(`chaos: service logs kept in ${chaos.logDir}, schemas ${chaos.namespace}*`)
  }, 180_000)

  it('should give every accepted command its effect exactly once while services, Kafka and Postgres restart', async () => {
    const sharers = otherInfraUsers()
    const infraRestarts =
      settings.infraRestarts === 'always' || (settings.infraRestarts === 'auto' && sharers.length === 0)
    if (!infraRestarts) {
      console.warn(
        `chaos: NOT restarting Kafka and Postgres (CHAOS_INFRA_RESTARTS=${settings.infraRestarts}, ` +
          `other test runs using them: ${sharers.join(', ') || 'none'})`,
      )
    }
    const plan = faultPlan(infraRestarts)
    const interleaving = new Interleaving(settings.batches, plan.length)
    const abandoned: string[] = []
    const outcomes: FaultOutcome[] = []
    const started = performance.now()

    const lanes = Array.from({ length: settings.lanes }, async () => {
      for (
        let index = await interleaving.nextBatch();
        index !== undefined;
        index = await interleaving.nextBatch()
      ) {
        await runBatchLife(actors, index, settings).catch((error: unknown) => {
          abandoned.push(`batch life ${index}: ${error instanceof Error ? error.message : String(error)}`)
        })
      }
    })
    const faults = (async () => {
      for (const [k, fault] of plan.entries()) {
        await interleaving.awaitTurn(k)
        interleaving.struck()
        console.log(`chaos: ${describeFault(fault)} at ${seconds(started)} s`)
        outcomes.push(await strike(fault, chaos, settings.recoveryTimeoutMs))
      }
    })()
    await Promise.all([...lanes, faults])
    const workloadSeconds = seconds(started)
    // Printed now: an abandoned batch life also keeps the system from draining.
    for (const line of abandoned) console.log(`chaos: ABANDONED ${line}`)

    const db = new pg.Pool({ connectionString: infra().databaseUrl, max: 2 })
    db.on('error', () => undefined)
    const kafka = await KafkaViews.connect(infra().kafkaBrokers, chaos.topicPrefix)
    try {
      let backlog: Backlog | undefined
      await waitFor(
        async () => {
          backlog = await backlogOf(db, chaos, kafka)
          return isDrained(backlog)
        },
        { timeoutMs: settings.drainTimeoutMs, intervalMs: 500 },
      ).catch(() => {
        throw new Error(`the system did not drain: ${JSON.stringify(backlog, null, 2)}`)
      })
      const drainSeconds = Math.round((seconds(started) - workloadSeconds) * 10) / 10

      const invariants = await checkInvariants({
        databaseUrl: infra().databaseUrl,
        schemaPrefix: chaos.namespace,
        kafkaBrokers: infra().kafkaBrokers,
        topicPrefix: chaos.topicPrefix,
        gatewayUrl: chaos.system.gatewayUrl,
        adminUser: chaos.system.adminUsername,
        adminPassword: chaos.system.adminPassword,
        // Drained: nothing is still on its way.
        settleSeconds: 0,
      })
      const checks: Check[] = [
        // Everything a check needs is given, so a skipped one is a failure here.
        ...invariants.checks.map((result) => ({
          name: `probe invariants: ${result.name}`,
          ok: result.ok,
          violations: [
            ...(result.skipped === undefined ? [] : [`skipped: ${result.skipped}`]),
            ...result.violations.map((violation) => `${violation.message} ${JSON.stringify(violation.ids)}`),
          ],
        })),
        ...(await checkEffects(db, chaos, journal, await kafka.deadLetters())),
        {
          name: 'every consumer group is known to the lag check',
          ok: true,
          violations: await kafka.unknownGroups(),
        },
      ].map((result) => ({ ...result, ok: result.violations.length === 0 }))

      report({ journal, outcomes, checks, workloadSeconds, drainSeconds })
      expect(abandoned).toEqual([])
      expect(checks.filter((result) => !result.ok)).toEqual([])

      // The checks can see a lost command: forget one accepted create and its batch is unexplained.
      const forgotten = journal.find((record) => record.kind === 'createBatch')
      const blind = await checkEffects(
        db,
        chaos,
        journal.filter((record) => record !== forgotten),
        [],
      )
      expect(blind.find((result) => result.name === 'one batch per accepted create')?.violations).toContain(
        `batch ${forgotten?.batchId}: 1 found, but no accepted command caused it`,
      )
      passed = true
    } finally {
      await kafka.close()
      await db.end()
    }
  }, 600_000)
})

function seconds(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10
}

function report(run: {
  journal: CommandRecord[]
  outcomes: FaultOutcome[]
  checks: Check[]
  workloadSeconds: number
  drainSeconds: number
}): void {
  const { journal, outcomes } = run
  const byKind = new Map<string, number>()
  const reasons = new Map<string, number>()
  for (const record of journal) {
    byKind.set(record.kind, (byKind.get(record.kind) ?? 0) + 1)
    for (const reason of record.retriedFor) {
      const short = reason.replace(/^network: .*/, 'network error')
      reasons.set(short, (reasons.get(short) ?? 0) + 1)
    }
  }
  const lines = [
    `chaos: ${settings.batches} batches x ${settings.requestsPerBatch} requests on ${settings.lanes} lanes`,
    `chaos: workload ${run.workloadSeconds} s, drain ${run.drainSeconds} s`,
    `chaos: commands ${journal.length} (${[...byKind].map(([kind, n]) => `${kind} ${n}`).join(', ')})`,
    `chaos: retried commands ${journal.filter((record) => record.attempts > 1).length}, retries ${journal.reduce((sum, record) => sum + record.attempts - 1, 0)}, answered as replays ${journal.filter((record) => record.replayed).length} (${journal.filter((record) => record.lostAnswer !== undefined).length} first answers dropped on purpose)`,
    `chaos: retry causes ${[...reasons].map(([reason, n]) => `${reason} x${n}`).join(', ') || 'none'}`,
    `chaos: kills ${outcomes.filter((outcome) => outcome.fault.startsWith('SIGKILL')).length}, restarts ${outcomes.length} (${outcomes.map((outcome) => `${outcome.fault} ${outcome.recoveryMs} ms`).join(', ')})`,
    ...run.checks.map(
      (result) =>
        `chaos: ${result.ok ? 'ok  ' : 'FAIL'} ${result.name}${result.ok ? '' : `\n  ${result.violations.slice(0, 20).join('\n  ')}`}`,
    ),
  ]
  console.log(lines.join('\n'))
}
