import { randomUUID } from 'node:crypto'

import { waitFor } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApprovalFixture, batchCancelled, requestSubmitted, user } from './support/approval-fixture.ts'

describe('approval queue', () => {
  let fixture: ApprovalFixture

  beforeAll(async () => {
    fixture = await ApprovalFixture.start('approval_queue')
  })

  afterAll(async () => {
    await fixture?.stop()
  })

  it('should queue a submitted request once and publish RequestQueuedForApproval with its policy', async () => {
    const submitted = await fixture.submit({
      baseAmount: 1_000_000n,
      extraAmount: 0n,
      totalAmount: 1_000_000n,
    })
    const { requestId, batchId, createdBy } = submitted.payload

    const queued = await fixture.eventOf(requestId, 'RequestQueuedForApproval')

    expect(queued.payload).toEqual({
      requestId,
      batchId,
      createdBy,
      totalAmount: 1_000_000n,
      currency: 'USD',
      requiredApprovals: 2,
      policyThreshold: 1_000_000n,
    })
    expect(queued.envelope).toMatchObject({
      aggregateType: 'Approval',
      aggregateId: requestId,
      aggregateVersion: 1n,
      actorId: createdBy,
      correlationId: submitted.envelope.correlationId,
      causationId: submitted.envelope.eventId,
    })
    expect(fixture.keys.get(queued.envelope.eventId)).toBe(requestId)
  })

  it('should need one approval below the threshold and in a currency without a policy', async () => {
    const below = await fixture.submit({ totalAmount: 999_999n, baseAmount: 999_999n, extraAmount: 0n })
    const unpoliced = await fixture.submit({
      currency: 'GBP',
      totalAmount: 10n ** 12n,
      baseAmount: 10n ** 12n,
      extraAmount: 0n,
    })

    expect(
      (await fixture.eventOf(below.payload.requestId, 'RequestQueuedForApproval')).payload,
    ).toMatchObject({
      requiredApprovals: 1,
      policyThreshold: 1_000_000n,
    })
    expect(
      (await fixture.eventOf(unpoliced.payload.requestId, 'RequestQueuedForApproval')).payload,
    ).toMatchObject({
      requiredApprovals: 1,
      policyThreshold: null,
    })
  })

  it('should create one item and one event when RequestSubmitted is redelivered or sent again', async () => {
    const submitted = requestSubmitted()
    const resent = { ...submitted, envelope: { ...submitted.envelope, eventId: randomUUID() } }

    await fixture.produce(submitted)
    await fixture.produce(submitted)
    await fixture.produce(resent)
    await waitFor(
      async () => (await processed(fixture, [submitted.envelope.eventId, resent.envelope.eventId])) === 2,
      {
        timeoutMs: 20_000,
      },
    )

    expect(await fixture.itemCount(submitted.payload.requestId)).toBe(1)
    expect(await outboxCount(fixture, submitted.payload.requestId)).toBe(1)
    const queued = await fixture.eventOf(submitted.payload.requestId, 'RequestQueuedForApproval')
    expect(queued.envelope.causationId).toBe(submitted.envelope.eventId)
  })

  it("should list the caller's queue oldest first, without their own requests, page by page", async () => {
    const approver = user('APPROVER')
    const own = await fixture.submit({ createdBy: approver.userId })
    const first = await fixture.submit()
    const second = await fixture.submit()
    const third = await fixture.submit()

    const ids = await allQueuedIds(fixture, approver, 2)

    expect(ids).not.toContain(own.payload.requestId)
    const mine = ids.filter((id) => [first, second, third].some((event) => event.payload.requestId === id))
    expect(mine).toEqual([first.payload.requestId, second.payload.requestId, third.payload.requestId])
  })

  it('should show a queue item with its snapshot and decimal amounts', async () => {
    const approver = user('APPROVER')
    const submitted = await fixture.submit()

    const page = await fixture.inject('GET', '/approvals/queue?limit=200', { as: approver })
    const item = page
      .json()
      .items.find((entry: { requestId: string }) => entry.requestId === submitted.payload.requestId)

    expect(item).toMatchObject({
      batchId: submitted.payload.batchId,
      createdBy: submitted.payload.createdBy,
      kind: 'LEDGER',
      payeeName: 'Northwind Scaffolding',
      entityType: 'VENDOR',
      vendorId: submitted.payload.vendorId,
      siteId: submitted.payload.siteId,
      siteCode: 'SITE-7',
      baseAmount: '1200.00',
      extraAmount: '50.00',
      totalAmount: '1250.00',
      currency: 'USD',
      requiredApprovals: 1,
      approvalCount: 0,
      policyThreshold: '10000.00',
    })
  })

  it('should refuse the queue to roles that cannot decide and a cursor it did not make', async () => {
    expect((await fixture.inject('GET', '/approvals/queue', { as: user('CREATOR') })).statusCode).toBe(403)
    expect((await fixture.inject('GET', '/approvals/queue', { as: user('VIEWER') })).statusCode).toBe(403)

    const bad = await fixture.inject('GET', '/approvals/queue?cursor=bm9wZQ', { as: user('APPROVER') })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('VALIDATION_FAILED')
  })

  it('should refuse a decision on a request it has not seen with REQUEST_NOT_QUEUED', async () => {
    const response = await fixture.approve(randomUUID(), user('APPROVER'))

    expect(response.statusCode).toBe(409)
    expect(response.json().code).toBe('REQUEST_NOT_QUEUED')
  })

  it('should close the pending items of a cancelled batch so that they cannot be decided', async () => {
    const batchId = randomUUID()
    const submitted = await fixture.submit({ batchId })

    await fixture.produce(batchCancelled(batchId))
    await waitFor(async () => (await statusOf(fixture, submitted.payload.requestId)) === 'CLOSED', {
      timeoutMs: 15_000,
    })

    const approver = user('APPROVER')
    const approve = await fixture.approve(submitted.payload.requestId, approver)
    expect(approve.statusCode).toBe(409)
    expect(approve.json().code).toBe('REQUEST_CLOSED')
    const reject = await fixture.reject(submitted.payload.requestId, approver, 'no')
    expect(reject.json().code).toBe('REQUEST_CLOSED')
    const queue = await fixture.inject('GET', '/approvals/queue?limit=200', { as: approver })
    expect(queue.json().items.map((item: { requestId: string }) => item.requestId)).not.toContain(
      submitted.payload.requestId,
    )
  })

  it('should not queue a request whose batch cancellation overtook its submission', async () => {
    const batchId = randomUUID()
    const cancelled = batchCancelled(batchId)
    await fixture.produce(cancelled)
    await waitFor(async () => (await processed(fixture, [cancelled.envelope.eventId])) === 1, {
      timeoutMs: 15_000,
    })

    const submitted = await fixture.submit({ batchId })

    expect(await statusOf(fixture, submitted.payload.requestId)).toBe('CLOSED')
    const response = await fixture.approve(submitted.payload.requestId, user('APPROVER'))
    expect(response.json().code).toBe('REQUEST_CLOSED')
    expect(
      fixture.published.some((event) => event.envelope.aggregateId === submitted.payload.requestId),
    ).toBe(false)
  })
})

async function processed(fixture: ApprovalFixture, eventIds: string[]): Promise<number> {
  const { rows } = await fixture.pool.query(
    'select count(*)::int as n from processed_events where event_id = any($1)',
    [eventIds],
  )

  return rows[0].n
}

async function outboxCount(fixture: ApprovalFixture, requestId: string): Promise<number> {
  const { rows } = await fixture.pool.query('select count(*)::int as n from outbox where message_key = $1', [
    requestId,
  ])

  return rows[0].n
}

async function statusOf(fixture: ApprovalFixture, requestId: string): Promise<string | undefined> {
  const { rows } = await fixture.pool.query('select status from approval_items where request_id = $1', [
    requestId,
  ])

  return rows[0]?.status
}

async function allQueuedIds(fixture: ApprovalFixture, approver: ReturnType<typeof user>, limit: number) {
  const ids: string[] = []
  let cursor: string | null = null

  do {
    const query: string = cursor === null ? `limit=${limit}` : `limit=${limit}&cursor=${cursor}`
    const response = await fixture.inject('GET', `/approvals/queue?${query}`, { as: approver })
    expect(response.statusCode).toBe(200)
    const page = response.json() as { items: { requestId: string }[]; nextCursor: string | null }
    expect(page.items.length).toBeLessThanOrEqual(limit)
    ids.push(...page.items.map((item) => item.requestId))
    cursor = page.nextCursor
  } while (cursor !== null)

  return ids
}
