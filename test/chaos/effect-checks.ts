import type pg from 'pg'

import { serviceNames } from '@pay/system'

import type { ChaosSystem } from './chaos-system.ts'
import { publishedEvents } from './drain.ts'
import type { DeadLetters } from './kafka-views.ts'
import type { CommandKind, CommandRecord } from './persistent-client.ts'

/** The shape `probe invariants` reports in, so both kinds of check print alike. */
export interface Check {
  name: string
  ok: boolean
  violations: string[]
}

/** What the journal says must exist: the ids of every command answered 2xx, by kind. */
interface Expected {
  batches: Set<string>
  /** Request id → the batch it was added to. */
  requests: Map<string, string>
  submitted: Set<string>
  approved: Set<string>
  rejected: Set<string>
  paid: Set<string>
}

interface Facts {
  db: pg.Pool
  chaos: ChaosSystem
  journal: CommandRecord[]
  expected: Expected
  /** Outbox rows of one event type in one service, counted per message key (the aggregate id). */
  events(service: 'request' | 'approval' | 'ledger', type: string): Promise<Map<string, number>>
}

/**
 * Every command that got a 2xx has its effect exactly once, in the service that owns it and in
 * every service that follows it through events; nothing exists that no accepted command caused.
 */
export async function checkEffects(
  db: pg.Pool,
  chaos: ChaosSystem,
  journal: CommandRecord[],
  deadLetters: DeadLetters[],
): Promise<Check[]> {
  const facts: Facts = {
    db,
    chaos,
    journal,
    expected: expectedBy(journal),
    events: (service, type) =>
      counted(
        db,
        `select message_key as id, count(*) as n from "${chaos.schemaOf(service)}".outbox
          where event_type = '${type}' group by 1`,
      ),
  }

  return [
    everyCommandAnswered(facts),
    await batchPerCreate(facts),
    await requestPerAdd(facts),
    await submissionPerSubmit(facts),
    await decisionPerVerdict(facts),
    await finalStates(facts),
    await journalEntries(facts),
    await auditRowPerEvent(facts),
    await answerStoredOnce(facts),
    lostAnswersReplayed(facts),
    check(
      'nothing in the dead-letter topics',
      deadLetters
        .filter(({ messages }) => messages > 0)
        .map(({ topic, messages }) => `${topic}: ${messages}`),
    ),
  ]
}

function expectedBy(journal: CommandRecord[]): Expected {
  const accepted = (kind: CommandKind) =>
    journal.filter((record) => record.kind === kind && succeeded(record))
  const ids = (kind: CommandKind, id: 'batchId' | 'requestId') =>
    new Set(accepted(kind).map((record) => record[id]!))

  return {
    batches: ids('createBatch', 'batchId'),
    requests: new Map(accepted('addRequest').map((record) => [record.requestId!, record.batchId!])),
    submitted: ids('submitBatch', 'batchId'),
    approved: ids('approve', 'requestId'),
    rejected: ids('reject', 'requestId'),
    paid: ids('markPaid', 'requestId'),
  }
}

function succeeded(record: CommandRecord): boolean {
  return record.status !== undefined && record.status >= 200 && record.status < 300
}

function check(name: string, violations: string[]): Check {
  return { name, ok: violations.length === 0, violations }
}

/** Each expected id found exactly once, and nothing found that was not expected. */
function exactlyOnce(what: string, expected: Set<string>, found: Map<string, number>): string[] {
  const violations: string[] = []
  for (const id of expected) {
    const count = found.get(id) ?? 0
    if (count !== 1) violations.push(`${what} ${id}: expected exactly 1, found ${count}`)
  }
  for (const [id, count] of found) {
    if (!expected.has(id)) violations.push(`${what} ${id}: ${count} found, but no accepted command caused it`)
  }

  return violations
}

async function counted(db: pg.Pool, sql: string): Promise<Map<string, number>> {
  const { rows } = await db.query<{ id: string; n: string }>(sql)

  return new Map(rows.map((row) => [row.id, Number(row.n)]))
}

/** A command without a final answer leaves its effect unknown, and a refusal means the workload broke. */
function everyCommandAnswered({ journal }: Facts): Check {
  return check(
    'every command got a 2xx in the end',
    journal
      .filter((record) => !succeeded(record))
      .map(
        (record) =>
          `${record.kind} ${record.path} key ${record.key} after ${record.attempts} attempts: ` +
          (record.status === undefined ? 'no answer' : `${record.status} ${record.code ?? ''}`),
      ),
  )
}

async function batchPerCreate({ db, chaos, expected, events }: Facts): Promise<Check> {
  const batches = await counted(db, `select id, 1 as n from "${chaos.schemaOf('request')}".batches`)

  return check('one batch per accepted create', [
    ...exactlyOnce('batch', expected.batches, batches),
    ...exactlyOnce('BatchCreated of batch', expected.batches, await events('request', 'BatchCreated')),
  ])
}

async function requestPerAdd({ db, chaos, expected, events }: Facts): Promise<Check> {
  const { rows } = await db.query<{ id: string; batch_id: string }>(
    `select id, batch_id from "${chaos.schemaOf('request')}".payment_requests`,
  )
  const ids = new Set(expected.requests.keys())

  return check('one request per accepted add, in its batch', [
    ...exactlyOnce('request', ids, new Map(rows.map((row) => [row.id, 1]))),
    ...exactlyOnce('RequestCreated of request', ids, await events('request', 'RequestCreated')),
    ...rows
      .filter((row) => expected.requests.has(row.id) && expected.requests.get(row.id) !== row.batch_id)
      .map(
        (row) => `request ${row.id} is in batch ${row.batch_id}, added to ${expected.requests.get(row.id)}`,
      ),
  ])
}

async function submissionPerSubmit({ db, chaos, expected, events }: Facts): Promise<Check> {
  const submitted = new Set(
    [...expected.requests].filter(([, batchId]) => expected.submitted.has(batchId)).map(([id]) => id),
  )
  const items = await counted(
    db,
    `select request_id as id, 1 as n from "${chaos.schemaOf('approval')}".approval_items`,
  )

  return check('one submission per accepted submit, one approval item per submitted request', [
    ...exactlyOnce('BatchSubmitted of batch', expected.submitted, await events('request', 'BatchSubmitted')),
    ...exactlyOnce('RequestSubmitted of request', submitted, await events('request', 'RequestSubmitted')),
    ...exactlyOnce('approval item of request', submitted, items),
  ])
}

async function decisionPerVerdict({ db, chaos, expected, events }: Facts): Promise<Check> {
  const approval = chaos.schemaOf('approval')
  const decided = new Set([...expected.approved, ...expected.rejected])
  const { rows: records } = await db.query<{ id: string; outcome: string }>(
    `select request_id as id, outcome from "${approval}".approval_records`,
  )
  const votes = await counted(
    db,
    `select request_id as id, count(*) as n from "${approval}".approval_votes group by 1`,
  )

  return check('one decision and one vote per accepted approve or reject', [
    ...exactlyOnce('approval record of request', decided, new Map(records.map((row) => [row.id, 1]))),
    ...records
      .filter((row) => decided.has(row.id) && (row.outcome === 'APPROVED') !== expected.approved.has(row.id))
      .map((row) => `request ${row.id}: recorded ${row.outcome}, not what the accepted command decided`),
    ...exactlyOnce(
      'RequestApproved of request',
      expected.approved,
      await events('approval', 'RequestApproved'),
    ),
    ...exactlyOnce(
      'RequestRejected of request',
      expected.rejected,
      await events('approval', 'RequestRejected'),
    ),
    ...exactlyOnce('vote on request', decided, votes),
  ])
}

async function finalStates({ db, chaos, expected, events }: Facts): Promise<Check> {
  const { rows } = await db.query<{ id: string; status: string }>(
    `select id, status from "${chaos.schemaOf('request')}".payment_requests`,
  )
  const wanted = (id: string) =>
    expected.paid.has(id) ? 'PAID' : expected.rejected.has(id) ? 'REJECTED' : 'APPROVED or earlier'

  return check('requests and batches end where their commands put them', [
    ...rows
      .filter(
        (row) =>
          (expected.paid.has(row.id) || expected.rejected.has(row.id)) && row.status !== wanted(row.id),
      )
      .map((row) => `request ${row.id} is ${row.status}, expected ${wanted(row.id)}`),
    ...exactlyOnce('RequestPaid of request', expected.paid, await events('request', 'RequestPaid')),
    ...exactlyOnce('BatchCompleted of batch', expected.submitted, await events('request', 'BatchCompleted')),
  ])
}

async function journalEntries({ db, chaos, expected, events }: Facts): Promise<Check> {
  const ledger = chaos.schemaOf('ledger')
  const { rows: entries } = await db.query<{
    request_id: string
    kind: string
    debit: string
    credit: string
  }>(
    `select e.request_id, e.kind,
            sum(p.amount) filter (where p.side = 'DEBIT')::text as debit,
            sum(p.amount) filter (where p.side = 'CREDIT')::text as credit
       from "${ledger}".journal_entries e join "${ledger}".postings p on p.entry_id = e.id
      group by e.id, e.request_id, e.kind`,
  )
  const { rows: requests } = await db.query<{ id: string; total: string }>(
    `select id, total_amount::text as total from "${chaos.schemaOf('request')}".payment_requests`,
  )
  const totals = new Map(requests.map((row) => [row.id, row.total]))
  const { rows: trial } = await db.query<{ currency: string; net: string }>(
    `select currency, sum(case side when 'DEBIT' then amount else -amount end)::text as net
       from "${ledger}".postings group by currency`,
  )
  const perRequest = (kind: string) => {
    const counts = new Map<string, number>()
    for (const entry of entries.filter((candidate) => candidate.kind === kind)) {
      counts.set(entry.request_id, (counts.get(entry.request_id) ?? 0) + 1)
    }

    return counts
  }
  const posted = await events('ledger', 'JournalEntryPosted')

  return check('one accrual per approved request, one settlement per paid one, for its total, balanced', [
    ...exactlyOnce('accrual of request', expected.approved, perRequest('ACCRUAL')),
    ...exactlyOnce('settlement of request', expected.paid, perRequest('SETTLEMENT')),
    ...entries
      .filter((entry) => entry.debit !== entry.credit || entry.debit !== totals.get(entry.request_id))
      .map(
        (entry) =>
          `${entry.kind} of request ${entry.request_id}: debit ${entry.debit}, credit ${entry.credit}, ` +
          `request total ${totals.get(entry.request_id)}`,
      ),
    ...trial.filter((row) => row.net !== '0').map((row) => `trial balance of ${row.currency} is ${row.net}`),
    ...[...posted]
      .filter(([id, count]) => count !== Number(expected.approved.has(id)) + Number(expected.paid.has(id)))
      .map(([id, count]) => `request ${id}: ${count} JournalEntryPosted events`),
  ])
}

async function auditRowPerEvent({ db, chaos }: Facts): Promise<Check> {
  const audit = chaos.schemaOf('audit')
  const { rows: miscounted } = await db.query<{
    service: string
    event_id: string
    event_type: string
    rows: string
  }>(
    `select e.service, e.event_id, e.event_type, count(a.event_id) as rows
       from (${publishedEvents(chaos)}) e left join "${audit}".audit_log a on a.event_id = e.event_id
      group by e.service, e.event_id, e.event_type
     having count(a.event_id) <> 1`,
  )
  const { rows: orphans } = await db.query<{ event_id: string; event_type: string }>(
    `select a.event_id, a.event_type from "${audit}".audit_log a
      where not exists (select 1 from (${publishedEvents(chaos)}) e where e.event_id = a.event_id)`,
  )

  return check('one audit row per event of every outbox', [
    ...miscounted.map((row) => `${row.event_type} ${row.event_id} of ${row.service}: ${row.rows} audit rows`),
    ...orphans.map((row) => `audit row of ${row.event_type} ${row.event_id}: no service wrote that event`),
  ])
}

/** The idempotency store holds each accepted command's answer once, with the status the client got. */
async function answerStoredOnce({ db, chaos, journal }: Facts): Promise<Check> {
  const keys = serviceNames
    .map(
      (service) =>
        `select idempotency_key, response_status from "${chaos.schemaOf(service)}".idempotency_keys`,
    )
    .join(' union all ')
  const stored = await counted(
    db,
    `select idempotency_key || ' ' || response_status as id, count(*) as n from (${keys}) k group by 1`,
  )

  return check(
    'every accepted command stored its answer once',
    journal
      .filter((record) => succeeded(record) && stored.get(`${record.key} ${record.status}`) !== 1)
      .map(
        (record) =>
          `${record.kind} ${record.path} key ${record.key}: ` +
          `${stored.get(`${record.key} ${record.status}`) ?? 0} stored answers with status ${record.status}`,
      ),
  )
}

/** A client that lost a successful answer and asked again got exactly that answer, as a replay. */
function lostAnswersReplayed({ journal }: Facts): Check {
  return check(
    'every retry after a lost 2xx answer was answered with it, as a replay',
    journal
      .filter(({ lostAnswer }) => lostAnswer?.status !== undefined && lostAnswer.status < 300)
      .filter(
        (record) =>
          !record.replayed ||
          record.status !== record.lostAnswer?.status ||
          record.finalBody !== record.lostAnswer?.body,
      )
      .map(
        (record) =>
          `${record.kind} ${record.path} key ${record.key}: first ${record.lostAnswer?.status} ` +
          `${record.lostAnswer?.body}, then ${record.status} replayed=${record.replayed} ${record.finalBody}`,
      ),
  )
}
