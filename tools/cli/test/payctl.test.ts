import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { ApiClient, type RunningSystem } from '@pay/system'
import { infra, waitFor } from '@pay/testkit'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  checkInvariants,
  kafkaClient,
  probeConcurrency,
  probeIdempotency,
  replayDeadLetters,
  type DeadLetter,
  type InvariantOptions,
  type Introspection,
  type InvariantReport,
} from '../src/index.ts'
import { startTestSystem } from '../../../test/support/system.ts'

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url))
const password = 'Seven-Blue-Kites-Fly-91'

interface Batch {
  id: string
}

interface PaymentRequest {
  id: string
  status: string
}

describe('payctl against a running system', () => {
  let system: RunningSystem
  let admin: ApiClient
  let options: InvariantOptions
  let paidRequestId: string
  let approvedRequestId: string

  beforeAll(async () => {
    system = await startTestSystem('payctl', {
      MUTATIONS_PER_MINUTE: '100000',
      PASSWORD_SCRYPT_LOG_N: '14',
    })
    admin = await ApiClient.login(system.gatewayUrl, system.adminUsername, system.adminPassword)
    options = {
      databaseUrl: infra().databaseUrl,
      schemaPrefix: system.namespace,
      kafkaBrokers: infra().kafkaBrokers,
      topicPrefix: system.topicPrefix,
      gatewayUrl: system.gatewayUrl,
      adminUser: system.adminUsername,
      adminPassword: system.adminPassword,
      // Each check logs in, and the login's own event may not be audited yet a moment later.
      settleSeconds: 3,
    }

    for (const [username, role] of [
      ['cora.creator', 'CREATOR'],
      ['abe.approver', 'APPROVER'],
    ]) {
      await admin.expect(201, 'POST', 'users', { body: { username, password, role, displayName: username } })
    }
    const creator = await ApiClient.login(system.gatewayUrl, 'cora.creator', password)
    const approver = await ApiClient.login(system.gatewayUrl, 'abe.approver', password)

    // One batch lives to COMPLETED (one request paid, one rejected), another stops at an approval.
    const done = await creator.expect<Batch>(201, 'POST', 'batches', { body: { title: 'Completed' } })
    const open = await creator.expect<Batch>(201, 'POST', 'batches', { body: { title: 'Processing' } })
    const add = (batch: Batch, amount: string) =>
      creator.expect<PaymentRequest>(201, 'POST', `batches/${batch.id}/requests`, {
        body: { amount, currency: 'USD', beneficiaryName: 'Ann', beneficiaryAccount: 'A-1', purpose: 'Work' },
      })
    const paid = await add(done, '100.00')
    const rejected = await add(done, '25.50')
    const approved = await add(open, '70.00')
    for (const batch of [done, open]) {
      await creator.expect(200, 'POST', `batches/${batch.id}/submit`, { body: {} })
    }
    for (const request of [paid, rejected, approved]) {
      await waitFor(
        async () => (await approver.call('GET', `requests/${request.id}/approvals`)).status === 200,
      )
    }
    await approver.expect(200, 'POST', `requests/${paid.id}/approve`, { body: {} })
    await approver.expect(200, 'POST', `requests/${approved.id}/approve`, { body: {} })
    await approver.expect(200, 'POST', `requests/${rejected.id}/reject`, { body: { comment: 'no' } })
    await waitFor(
      async () => (await admin.call('POST', `requests/${paid.id}/mark-paid`, { body: {} })).status === 200,
    )
    paidRequestId = paid.id
    approvedRequestId = approved.id
  }, 120_000)

  afterAll(async () => {
    await system?.stop()
  })

  it('probe invariants should pass after full batch lives, and exit 0', async () => {
    const report = await waitFor(async () => {
      const current = await checkInvariants(options)
      return current.ok ? current : undefined
    })

    expect(report.checks.filter((check) => check.skipped !== undefined)).toEqual([])
    const { code, stdout } = await payctl(['probe', 'invariants', '--json', '--settle-seconds', '3'])
    expect((JSON.parse(stdout) as InvariantReport).checks.filter((check) => !check.ok)).toEqual([])
    expect(code).toBe(0)
  })

  it('probe idempotency should find no double effect and a 422 for every changed body', async () => {
    const report = await probeIdempotency({ ...apiOptions(), repeats: 3 })

    expect(report.mutations.filter((mutation) => mutation.problems.length > 0)).toEqual([])
    expect(report.mutations.length).toBeGreaterThanOrEqual(11)
    expect(report.doubleEffects).toBe(0)
  })

  it('probe concurrency should see exactly one winner per race and gap-free SOA versions', async () => {
    const report = await probeConcurrency({ ...apiOptions(), clients: 8, approvers: 2 })

    expect(report.races.filter((race) => !race.ok)).toEqual([])
    expect(report.races.map((race) => race.winners)).toEqual([1, 1, 1, expect.any(Number)])
  })

  it('dlq list and replay should show a dead letter and put it back on its topic exactly once', async () => {
    const kafka = kafkaClient(infra().kafkaBrokers)
    const source = `${system.topicPrefix}payments.requests.v1`
    const dlq = `${system.topicPrefix}payments.dlq.audit`
    const original = await publishedEvent(`${system.namespace}request`)
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({
      topic: dlq,
      messages: [
        {
          key: original.message_key,
          value: original.payload,
          headers: {
            'dlq-reason': 'handler-failed',
            'dlq-error': 'Error: put here by the test',
            'dlq-source-topic': source,
            'dlq-source-partition': '0',
            'dlq-source-offset': '0',
            'dlq-consumer-group': `${system.topicPrefix}audit`,
          },
        },
      ],
    })
    await producer.disconnect()

    const listed = await payctl(['dlq', 'list', '--json'])
    const letters = JSON.parse(listed.stdout) as DeadLetter[]
    expect(letters).toEqual([
      expect.objectContaining({
        topic: dlq,
        replayed: false,
        headers: expect.objectContaining({ 'dlq-reason': 'handler-failed', 'dlq-source-topic': source }),
        event: expect.objectContaining({ eventType: original.event_type, eventId: original.event_id }),
      }),
    ])
    expect(failing(await checkInvariants(options), 'dlq-empty')).toHaveLength(1)

    const before = await endOf(kafka, source)
    const first = await payctl(['dlq', 'replay', '--topic', dlq, '--all', '--json'])
    const second = await replayDeadLetters(kafka, { topic: dlq })
    const after = await endOf(kafka, source)

    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout).replayed).toHaveLength(1)
    expect(second).toEqual({ replayed: [], alreadyReplayed: 1 })
    expect(after - before).toBe(1n)
    const view = JSON.parse((await payctl(['introspect', '--json'])).stdout) as Introspection
    expect(view.services.map((service) => service.ok)).toEqual([true, true, true, true, true])
    expect(view.deadLetters).toContainEqual({ topic: dlq, total: 1, pending: 0 })
    expect(view.consumers?.map((consumer) => consumer.group)).toContain(`${system.topicPrefix}ledger.journal`)
    // The replayed event is a duplicate for every consumer: nothing doubles, the DLQ counts as empty.
    await waitFor(async () => (await checkInvariants(options)).ok, { timeoutMs: 10_000 })
  })

  it('probe invariants should name the tampered rows and exit 1', async () => {
    const client = new pg.Client({ connectionString: infra().databaseUrl })
    await client.connect()
    const schema = (service: string) => `"${system.namespace}${service}"`
    try {
      await client.query('begin')
      await client.query('set local session_replication_role = replica')
      await client.query(
        `delete from ${schema('ledger')}.postings where entry_id in
           (select id from ${schema('ledger')}.journal_entries where request_id = $1 and kind = 'ACCRUAL')`,
        [approvedRequestId],
      )
      await client.query(`delete from ${schema('ledger')}.journal_entries where request_id = $1`, [
        approvedRequestId,
      ])
      await client.query(
        `update ${schema('request')}.payment_requests
            set base_amount = base_amount + 100, total_amount = total_amount + 100 where id = $1`,
        [paidRequestId],
      )
      await client.query(`update ${schema('audit')}.audit_log set actor_id = 'intruder' where sequence = 2`)
      await client.query('commit')
    } finally {
      await client.end()
    }

    const { code, stdout } = await payctl(['probe', 'invariants', '--json', '--settle-seconds', '3'])
    const report = JSON.parse(stdout) as InvariantReport

    expect(code).toBe(1)
    expect(failing(report, 'ledger-entries')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          message: 'an approved request has no accrual',
          ids: expect.objectContaining({ requestId: approvedRequestId }),
        }),
        expect.objectContaining({ ids: expect.objectContaining({ requestId: paidRequestId }) }),
      ]),
    )
    expect(failing(report, 'totals')).toEqual([
      expect.objectContaining({ ids: { requestId: paidRequestId } }),
    ])
    expect(failing(report, 'audit-chain')).toEqual([
      expect.objectContaining({ ids: expect.objectContaining({ sequence: '2' }) }),
    ])
    expect(failing(report, 'trial-balance')).toEqual([])
  })

  function apiOptions() {
    return {
      gatewayUrl: system.gatewayUrl,
      adminUser: system.adminUsername,
      adminPassword: system.adminPassword,
    }
  }

  async function payctl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = {
      ...process.env,
      PAYCTL_GATEWAY: system.gatewayUrl,
      PAYCTL_ADMIN_USER: system.adminUsername,
      PAYCTL_ADMIN_PASSWORD: system.adminPassword,
      DATABASE_URL: infra().databaseUrl,
      KAFKA_BROKERS: infra().kafkaBrokers.join(','),
      ...Object.fromEntries(
        Object.entries(system.urls).map(([service, url]) => [`PAYCTL_${service.toUpperCase()}_URL`, url]),
      ),
    }
    const all = [main, ...args, '--schema-prefix', system.namespace, '--topic-prefix', system.topicPrefix]

    return promisify(execFile)(process.execPath, all, { env }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    )
  }
})

function failing(report: InvariantReport, check: string) {
  return report.checks.find((result) => result.name === check)?.violations
}

async function endOf(kafka: ReturnType<typeof kafkaClient>, topic: string): Promise<bigint> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const offsets = await admin.fetchTopicOffsets(topic)
    return offsets.reduce((sum, entry) => sum + BigInt(entry.high), 0n)
  } finally {
    await admin.disconnect()
  }
}

/** An event the service published, as its outbox kept it: the bytes that went to Kafka. */
async function publishedEvent(schema: string) {
  const client = new pg.Client({ connectionString: infra().databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{
      event_id: string
      event_type: string
      message_key: string
      payload: Buffer
    }>(
      `select event_id, event_type, message_key, payload from "${schema}".outbox
        where topic = 'payments.requests.v1' and published_at is not null order by id limit 1`,
    )
    return rows[0]!
  } finally {
    await client.end()
  }
}
