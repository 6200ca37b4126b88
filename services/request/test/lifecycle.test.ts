import { randomUUID } from 'node:crypto'

import { decodeEvent, topics, type EventMessage } from '@pay/contracts'
import { waitFor } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { approved, queuedForApproval, rejected, type RequestView } from './support/approval-events.ts'
import { EventProducer, PublishedEvents } from './support/kafka-events.ts'
import { startRequestService, user, type RequestServiceHarness } from './support/request-service.ts'

let harness: RequestServiceHarness
let producer: EventProducer
let published: PublishedEvents
const creator = user('CREATOR')
const admin = user('ADMIN')
const approver = user('APPROVER')

beforeAll(async () => {
  harness = await startRequestService()
  producer = await new EventProducer(harness.prefix).start()
  published = await new PublishedEvents(`${harness.prefix}${topics.requests}`).start()
})

afterAll(async () => {
  await published?.stop()
  await producer?.stop()
  await harness?.stop()
})

async function submittedBatch(amounts: { currency: string; amount: string }[]) {
  const batchId = (await harness.call(creator, 'POST', '/batches', { body: { title: 'life' } })).json()
    .id as string
  for (const { currency, amount } of amounts) {
    const created = await harness.call(creator, 'POST', `/batches/${batchId}/requests`, {
      body: {
        currency,
        amount,
        beneficiaryName: 'ACME Ltd',
        beneficiaryAccount: 'GB00 1234',
        purpose: 'invoice',
      },
    })
    expect(created.status).toBe(201)
  }
  const submitted = await harness.call(creator, 'POST', `/batches/${batchId}/submit`)
  expect(submitted.status).toBe(200)

  return { batchId, requests: submitted.json().requests as RequestView[] }
}

async function requestOnceIn(requestId: string, status: string) {
  return waitFor(
    async () => {
      const request = (await harness.call(admin, 'GET', `/requests/${requestId}`)).json()
      return request.status === status ? request : undefined
    },
    { timeoutMs: 15_000, message: `request ${requestId} ${status}` },
  )
}

async function batchOnceIn(batchId: string, status: string) {
  return waitFor(
    async () => {
      const batch = (await harness.call(admin, 'GET', `/batches/${batchId}`)).json()
      return batch.status === status ? batch : undefined
    },
    { timeoutMs: 15_000, message: `batch ${batchId} ${status}` },
  )
}

async function generatedSoaOf(requestId: string) {
  return waitFor(
    async () => {
      const { items } = (await harness.call(creator, 'GET', `/requests/${requestId}/soa`)).json()
      return items.find((item: { source: string }) => item.source === 'GENERATED')
    },
    { timeoutMs: 15_000, message: `generated SOA of ${requestId}` },
  )
}

function typesOf(events: EventMessage[]): string[] {
  return events.map((event) => event.envelope.eventType)
}

describe('the life of a batch', () => {
  it('should run from creation through decisions by events and payment to a completed batch with its SOA', async () => {
    const { batchId, requests } = await submittedBatch([
      { currency: 'USD', amount: '1250.00' },
      { currency: 'EUR', amount: '80.00' },
    ])
    // A batch lists its requests by id, not in creation order: pick them by what they are.
    const toPay = requests.find((request) => request.currency === 'USD')!
    const toReject = requests.find((request) => request.currency === 'EUR')!

    await producer.send(queuedForApproval(toPay), queuedForApproval(toReject))
    await requestOnceIn(toPay.id, 'PENDING_APPROVAL')
    await requestOnceIn(toReject.id, 'PENDING_APPROVAL')

    await producer.send(approved(toPay, approver.userId), rejected(toReject, approver.userId))
    const approvedRequest = await requestOnceIn(toPay.id, 'APPROVED')
    expect(approvedRequest).toMatchObject({ decidedBy: approver.userId, decisionComment: 'looks right' })
    const rejectedRequest = await requestOnceIn(toReject.id, 'REJECTED')
    expect(rejectedRequest.decisionComment).toBe('duplicate invoice')
    expect((await harness.call(admin, 'GET', `/batches/${batchId}`)).json().status).toBe('PROCESSING')

    expect((await harness.call(creator, 'POST', `/requests/${toPay.id}/mark-paid`)).status).toBe(403)
    expect((await harness.call(admin, 'POST', `/requests/${toReject.id}/mark-paid`)).status).toBe(409)
    const paid = await harness.call(admin, 'POST', `/requests/${toPay.id}/mark-paid`)
    expect(paid.status).toBe(200)
    expect(paid.json()).toMatchObject({ status: 'PAID', paidBy: admin.userId })
    expect((await harness.call(admin, 'POST', `/requests/${toPay.id}/mark-paid`)).json().code).toBe(
      'INVALID_TRANSITION',
    )

    const completed = await batchOnceIn(batchId, 'COMPLETED')
    expect(completed.completedAt).not.toBeNull()
    const soas = [await generatedSoaOf(toPay.id), await generatedSoaOf(toReject.id)]
    expect(soas[0]).toMatchObject({ version: 1, contentType: 'application/pdf', uploadedBy: null })
    expect(soas[1].sha256).toBe(soas[0].sha256)
    const download = await harness.call(creator, 'GET', `/requests/${toPay.id}/soa/1/download`)
    expect(download.status).toBe(200)
    expect(download.body.subarray(0, 5).toString('latin1')).toBe('%PDF-')

    await published.waitFor('SoaDocumentAdded', toReject.id)
    expect(typesOf(published.of('BatchCreated', batchId))).toHaveLength(1)
    expect(typesOf(published.events.filter((event) => event.envelope.aggregateId === batchId))).toEqual([
      'BatchCreated',
      'BatchSubmitted',
      'BatchProcessingStarted',
      'BatchCompleted',
    ])
    expect(typesOf(published.events.filter((event) => event.envelope.aggregateId === toPay.id))).toEqual([
      'RequestCreated',
      'RequestSubmitted',
      'RequestStatusChanged',
      'RequestStatusChanged',
      'RequestPaid',
      'SoaDocumentAdded',
    ])

    const [submittedEvent] = published.of('RequestSubmitted', toPay.id)
    expect(submittedEvent!.payload).toMatchObject({
      status: 'SUBMITTED',
      kind: 'LEGACY',
      payeeName: 'ACME Ltd',
      totalAmount: 125000n,
      currency: 'USD',
      createdBy: creator.userId,
    })
    const [paidEvent] = published.of('RequestPaid', toPay.id)
    expect(paidEvent!.payload).toMatchObject({
      totalAmount: 125000n,
      paidBy: admin.userId,
      payeeName: 'ACME Ltd',
    })
    expect(paidEvent!.envelope).toMatchObject({ actorId: admin.userId, aggregateType: 'PaymentRequest' })
    const [decidedEvent] = published
      .of('RequestStatusChanged', toReject.id)
      .filter((event) => event.payload.toStatus === 'REJECTED')
    expect(decidedEvent!.envelope.causationId).not.toBeNull()
    expect(decidedEvent!.envelope.correlationId).toBe(`corr-${toReject.id}`)
    const [batchDone] = published.of('BatchCompleted', batchId)
    expect(batchDone!.payload).toMatchObject({ paidCount: 1, rejectedCount: 1, requestCount: 2 })
    const versions = published.events
      .filter((event) => event.envelope.aggregateId === toPay.id)
      .map((event) => event.envelope.aggregateVersion)
    expect(versions).toEqual([...versions].sort((a, b) => (a < b ? -1 : 1)))
  })

  it('should complete an all-rejected batch, decisions arriving before any queue event', async () => {
    const { batchId, requests } = await submittedBatch([
      { currency: 'USD', amount: '10.00' },
      { currency: 'USD', amount: '20.00' },
    ])

    await producer.send(...requests.map((request) => rejected(request, approver.userId)))

    const completed = await batchOnceIn(batchId, 'COMPLETED')
    expect(completed.requests.map((request: { status: string }) => request.status)).toEqual([
      'REJECTED',
      'REJECTED',
    ])
    for (const request of requests) {
      await generatedSoaOf(request.id)
      const changes = (await published.waitFor('RequestStatusChanged', request.id, 2)).map((event) => [
        event.payload.fromStatus,
        event.payload.toStatus,
      ])
      expect(changes).toEqual([
        ['SUBMITTED', 'PENDING_APPROVAL'],
        ['PENDING_APPROVAL', 'REJECTED'],
      ])
    }
    const [done] = await published.waitFor('BatchCompleted', batchId)
    expect(done!.payload).toMatchObject({ paidCount: 0, rejectedCount: 2, paidTotals: [] })
  })

  it('should ignore a redelivered decision and a late queue event', async () => {
    const { requests } = await submittedBatch([{ currency: 'USD', amount: '5.00' }])
    const [request] = requests as [RequestView]
    const decision = approved(request, approver.userId)

    await producer.send(decision, decision, queuedForApproval(request))

    await requestOnceIn(request.id, 'APPROVED')
    const marker = approved({ ...request }, approver.userId)
    await producer.send(marker)
    await waitFor(async () => {
      const { rows } = await harness.service.context.pool.query(
        'select 1 from processed_events where event_id = $1',
        [marker.envelope.eventId],
      )
      return rows.length === 1
    })
    const { rows } = await harness.service.context.pool.query(
      `select count(*)::int as changes from outbox where event_type = 'RequestStatusChanged' and message_key = $1`,
      [request.id],
    )
    expect(rows[0].changes).toBe(2)
  })

  it('should dead-letter a decision for an unknown request and keep consuming', async () => {
    const ghost: RequestView = {
      id: randomUUID(),
      batchId: randomUUID(),
      createdBy: creator.userId,
      totalAmount: '1.00',
      currency: 'USD',
    }
    const dead = await new PublishedEvents(`${harness.prefix}payments.dlq.request.approvals`).start()
    const { requests } = await submittedBatch([{ currency: 'USD', amount: '3.00' }])

    await producer.send(approved(ghost, approver.userId), approved(requests[0]!, approver.userId))

    await requestOnceIn(requests[0]!.id, 'APPROVED')
    const [poison] = await dead.waitFor('RequestApproved', ghost.id)
    expect(poison!.payload.requestId).toBe(ghost.id)
    await dead.stop()
  })

  it('a draft request should not be marked paid', async () => {
    const batchId = (await harness.call(creator, 'POST', '/batches', { body: { title: 'draft' } })).json().id
    const draft = await harness.call(creator, 'POST', `/batches/${batchId}/requests`, {
      body: { currency: 'USD', amount: '1.00', beneficiaryName: 'A', beneficiaryAccount: 'B', purpose: 'C' },
    })

    const response = await harness.call(admin, 'POST', `/requests/${draft.json().id}/mark-paid`)

    expect(response.status).toBe(409)
    expect((await harness.call(admin, 'POST', `/requests/${randomUUID()}/mark-paid`)).status).toBe(404)
  })

  it('events in the outbox should decode with the published schemas', async () => {
    const { rows } = await harness.service.context.pool.query<{ payload: Buffer }>(
      'select payload from outbox',
    )

    expect(rows.length).toBeGreaterThan(10)
    for (const row of rows) {
      expect(() => decodeEvent(row.payload)).not.toThrow()
    }
  })
})
