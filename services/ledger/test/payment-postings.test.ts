import { randomUUID } from 'node:crypto'

import { encodeEvent, type EventMessage } from '@pay/contracts'
import { waitFor } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startLedger, testUser, type LedgerFixture } from './support/ledger-fixture.ts'
import {
  approvedEvent,
  paidEvent,
  reissued,
  testRequest,
  type TestRequest,
} from './support/payment-events.ts'

let ledger: LedgerFixture

beforeAll(async () => {
  ledger = await startLedger('ledger_postings', { env: { PARKED_SETTLEMENT_RETRY_MS: '200' } })
})

afterAll(async () => {
  await ledger?.stop()
})

async function entriesOf(requestId: string): Promise<{ kind: string; seq: bigint }[]> {
  const { rows } = await ledger.pool.query<{ kind: string; seq: bigint }>(
    'select kind, seq from journal_entries where request_id = $1 order by seq',
    [requestId],
  )
  return rows
}

async function processed(event: EventMessage): Promise<boolean> {
  const { rows } = await ledger.pool.query('select 1 from processed_events where event_id = $1', [
    event.envelope.eventId,
  ])
  return rows.length > 0
}

async function waitForEntries(request: TestRequest, count: number) {
  return waitFor(
    async () => {
      const entries = await entriesOf(request.requestId)
      return entries.length >= count && entries
    },
    { message: `${count} entries for ${request.requestId}` },
  )
}

async function deadLettered(): Promise<number> {
  const metric = await ledger.service.context.registry.getSingleMetric('dlq_messages_total')?.get()
  return metric?.values.reduce((sum, value) => sum + value.value, 0) ?? 0
}

function journalEventsOf(requestId: string) {
  return ledger.published.filter(
    (published) => published.event.envelope.eventType === 'JournalEntryPosted' && published.key === requestId,
  )
}

describe('ledger postings', () => {
  it('an approval should post a balanced accrual and publish it with its postings', async () => {
    const request = testRequest()
    await ledger.send([approvedEvent(request)])

    await waitForEntries(request, 1)
    const [posted] = await waitFor(
      () => journalEventsOf(request.requestId).length === 1 && journalEventsOf(request.requestId),
    )

    const { event } = posted!
    expect(event.envelope).toMatchObject({
      aggregateType: 'RequestJournal',
      aggregateVersion: 1n,
      actorId: null,
    })
    expect(event.payload).toMatchObject({ kind: 'ACCRUAL', requestId: request.requestId, currency: 'USD' })
    const postings = (event as EventMessage<'JournalEntryPosted'>).payload.postings
    expect(postings.map((posting) => [posting.accountCode, posting.side, posting.amount])).toEqual([
      [`expense:site:${request.siteId}`, 'DEBIT', 102_500n],
      [`payable:vendor:${request.payee.type === 'LEGACY' ? '' : request.payee.id}`, 'CREDIT', 102_500n],
    ])
    const opened = await waitFor(() => {
      const codes = ledger.published
        .filter((published) => published.event.envelope.eventType === 'AccountOpened')
        .map((published) => (published.event as EventMessage<'AccountOpened'>).payload.code)
      return postings.every((posting) => codes.includes(posting.accountCode)) && codes
    })
    expect(opened).toEqual(expect.arrayContaining(postings.map((posting) => posting.accountCode)))
  })

  it('redelivered approval and payment events should post nothing twice', async () => {
    const request = testRequest({ currency: 'EUR' })
    const approved = approvedEvent(request)
    const paid = paidEvent(request)
    const approvedAgain = reissued(approved)
    const paidAgain = reissued(paid)
    const deadLetteredBefore = await deadLettered()

    // The same bytes twice (a Kafka redelivery), then the same facts under new event ids (a replay).
    await ledger.send([approved])
    await ledger.sendRaw(approved, encodeEvent(approved))
    await ledger.send([approvedAgain])
    await waitFor(() => processed(approvedAgain))
    await ledger.send([paid])
    await ledger.sendRaw(paid, encodeEvent(paid))
    await ledger.send([paidAgain])
    await waitFor(() => processed(paidAgain))

    expect((await entriesOf(request.requestId)).map((entry) => entry.kind)).toEqual(['ACCRUAL', 'SETTLEMENT'])
    const { rows } = await ledger.pool.query(
      `select count(*)::int as count from outbox where event_type = 'JournalEntryPosted' and message_key = $1`,
      [request.requestId],
    )
    expect(rows[0].count).toBe(2)
    await waitFor(() => journalEventsOf(request.requestId).length === 2)
    // The duplicates were absorbed, not refused by the unique key and dead-lettered.
    expect(await deadLettered()).toBe(deadLetteredBefore)
  })

  it('a payment before its approval should end with one accrual and one settlement', async () => {
    const request = testRequest({ currency: 'JPY', baseAmount: 120_000n, extraAmount: 0n })
    const paid = paidEvent(request)
    const paidAgain = reissued(paid)

    await ledger.send([paid, paidAgain])
    await waitFor(() => processed(paidAgain))
    const { rows: parked } = await ledger.pool.query(
      'select * from parked_settlements where request_id = $1',
      [request.requestId],
    )
    expect(parked).toHaveLength(1)
    expect(await entriesOf(request.requestId)).toEqual([])

    const approved = approvedEvent(request)
    await ledger.send([approved])
    await waitFor(() => processed(approved))

    // The approval's own transaction settles the parked payment; the sweep is only a safety net.
    const entries = await entriesOf(request.requestId)
    expect(entries.map((entry) => entry.kind)).toEqual(['ACCRUAL', 'SETTLEMENT'])
    const { rows: left } = await ledger.pool.query('select 1 from parked_settlements where request_id = $1', [
      request.requestId,
    ])
    expect(left).toEqual([])
    const published = await waitFor(
      () => journalEventsOf(request.requestId).length === 2 && journalEventsOf(request.requestId),
    )
    expect(published.map(({ event }) => event.envelope.aggregateVersion)).toEqual([1n, 2n])
  })

  it('a parked settlement whose accrual exists should be posted by the background sweep', async () => {
    const request = testRequest({ payee: { type: 'LEGACY', name: 'Jane Doe' }, siteId: null, siteCode: null })
    await ledger.send([approvedEvent(request)])
    await waitForEntries(request, 1)

    // What a crash between the accrual and its parked settlement would leave behind.
    await ledger.pool.query(
      `insert into parked_settlements
         (request_id, source_event_id, payee_type, payee_name, amount, currency)
       values ($1, gen_random_uuid(), 'LEGACY', 'Jane Doe', $2, 'USD')`,
      [request.requestId, request.baseAmount + request.extraAmount],
    )

    const entries = await waitForEntries(request, 2)
    expect(entries.map((entry) => entry.kind)).toEqual(['ACCRUAL', 'SETTLEMENT'])
  })

  it('an event the ledger cannot post should be dead-lettered without stopping the consumer', async () => {
    const good = testRequest()
    const bad = approvedEvent(testRequest())
    const unknownPayee: EventMessage<'RequestApproved'> = {
      envelope: { ...bad.envelope, aggregateId: good.requestId },
      payload: { ...bad.payload, entityType: 'UNKNOWN' },
    }
    const deadLetteredBefore = await deadLettered()

    await ledger.send([unknownPayee, approvedEvent(good)])

    await waitForEntries(good, 1)
    expect(await entriesOf(bad.payload.requestId)).toEqual([])
    expect(await deadLettered()).toBe(deadLetteredBefore + 1)
  })

  it('the journal queries should show payables settled and the trial balance at zero', async () => {
    const admin = testUser('ADMIN')
    const request = testRequest({ currency: 'GBP', baseAmount: 5_000n, extraAmount: 125n })
    await ledger.send([approvedEvent(request), paidEvent(request)])
    await waitForEntries(request, 2)
    const payeeId = request.payee.type === 'LEGACY' ? '' : request.payee.id

    const payables = await ledger.call('GET', `/ledger/accounts?ownerId=${payeeId}`, { as: admin })
    expect(payables.statusCode).toBe(200)
    const [payable] = payables.json().items
    expect(payable).toMatchObject({
      kind: 'PAYABLE',
      ownerType: 'VENDOR',
      balances: [{ currency: 'GBP', debit: '51.25', credit: '51.25', balance: '0.00' }],
    })

    const expense = (
      await ledger.call('GET', `/ledger/accounts?ownerId=${request.siteId}`, { as: admin })
    ).json()
    expect(expense.items[0].balances).toEqual([
      { currency: 'GBP', debit: '51.25', credit: '0.00', balance: '51.25' },
    ])

    const firstPage = await ledger.call('GET', `/ledger/accounts/${payable.id}/entries?limit=1`, {
      as: admin,
    })
    expect(firstPage.json().items.map((entry: { kind: string }) => entry.kind)).toEqual(['SETTLEMENT'])
    const secondPage = await ledger.call(
      'GET',
      `/ledger/accounts/${payable.id}/entries?limit=1&cursor=${firstPage.json().nextCursor}`,
      { as: admin },
    )
    expect(secondPage.json()).toMatchObject({ items: [{ kind: 'ACCRUAL' }], nextCursor: null })

    const trial = (await ledger.call('GET', '/ledger/trial-balance', { as: testUser('VIEWER') })).json()
    expect(trial.currencies.length).toBeGreaterThan(0)
    for (const group of trial.currencies) {
      expect(group.debit).toBe(group.credit)
      expect(Number(group.balance)).toBe(0)
    }
    const gbp = trial.currencies.find((group: { currency: string }) => group.currency === 'GBP')
    expect(gbp.accounts.find((line: { code: string }) => line.code === 'bank-clearing:GBP')).toMatchObject({
      credit: '51.25',
      balance: '-51.25',
    })
  })

  it('the journal should be closed to creators and need a valid account id', async () => {
    const creator = await ledger.call('GET', '/ledger/trial-balance', { as: testUser('CREATOR') })
    const badId = await ledger.call('GET', '/ledger/accounts/not-a-uuid/entries', { as: testUser('ADMIN') })
    const missing = await ledger.call('GET', `/ledger/accounts/${randomUUID()}`, { as: testUser('ADMIN') })

    expect(creator.statusCode).toBe(403)
    expect(badId.statusCode).toBe(400)
    expect(missing.json()).toMatchObject({ status: 404, code: 'ACCOUNT_NOT_FOUND' })
  })
})
