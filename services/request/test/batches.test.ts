import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startRequestService, user, type RequestServiceHarness } from './support/request-service.ts'

const legacyRequest = {
  currency: 'USD',
  amount: '1250.00',
  beneficiaryName: 'ACME Ltd',
  beneficiaryAccount: 'GB00 1234 5678',
  purpose: 'invoice 17',
}

let harness: RequestServiceHarness
const creator = user('CREATOR')
const otherCreator = user('CREATOR')
const admin = user('ADMIN')
const approver = user('APPROVER')
const viewer = user('VIEWER')

beforeAll(async () => {
  harness = await startRequestService()
})

afterAll(async () => {
  await harness?.stop()
})

async function newBatch(owner = creator, title = 'March invoices'): Promise<string> {
  const response = await harness.call(owner, 'POST', '/batches', { body: { title } })
  expect(response.status).toBe(201)
  return response.json().id
}

async function addRequest(batchId: string, body: object = legacyRequest, owner = creator) {
  return harness.call(owner, 'POST', `/batches/${batchId}/requests`, { body })
}

describe('batches', () => {
  it('POST /batches should create a DRAFT batch owned by the caller', async () => {
    const response = await harness.call(creator, 'POST', '/batches', { body: { title: '  April  ' } })

    expect(response.status).toBe(201)
    expect(response.json()).toMatchObject({
      title: 'April',
      status: 'DRAFT',
      createdBy: creator.userId,
      requests: [],
      totals: [],
      version: 1,
    })
  })

  it('POST /batches should refuse approvers and viewers with 403', async () => {
    for (const principal of [approver, viewer]) {
      expect((await harness.call(principal, 'POST', '/batches', { body: { title: 'x' } })).status).toBe(403)
    }
  })

  it('POST /batches should require an Idempotency-Key and replay a retry', async () => {
    expect(
      (await harness.call(creator, 'POST', '/batches', { body: { title: 'x' }, key: false })).status,
    ).toBe(400)

    const first = await harness.call(creator, 'POST', '/batches', {
      body: { title: 'once' },
      key: 'batch-once',
    })
    const retry = await harness.call(creator, 'POST', '/batches', {
      body: { title: 'once' },
      key: 'batch-once',
    })
    const other = await harness.call(creator, 'POST', '/batches', {
      body: { title: 'twice' },
      key: 'batch-once',
    })

    expect(retry.status).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json()).toEqual(first.json())
    expect(other.status).toBe(422)
  })

  it('GET /batches/{id} should show requests, totals per currency and an ETag', async () => {
    const batchId = await newBatch()
    await addRequest(batchId)
    await addRequest(batchId, { ...legacyRequest, amount: '0.50' })
    await addRequest(batchId, { ...legacyRequest, currency: 'JPY', amount: '1000' })

    const response = await harness.call(creator, 'GET', `/batches/${batchId}`)

    expect(response.status).toBe(200)
    expect(response.headers.etag).toBe('"1"')
    expect(response.json()).toMatchObject({
      requestCount: 3,
      totals: [
        { currency: 'JPY', amount: '1000', requestCount: 1 },
        { currency: 'USD', amount: '1250.50', requestCount: 2 },
      ],
    })
    expect(response.json().requests).toHaveLength(3)
  })

  it('a creator should not see another creator’s batch, neither alone nor in lists', async () => {
    const batchId = await newBatch(otherCreator, 'not yours')

    expect((await harness.call(creator, 'GET', `/batches/${batchId}`)).status).toBe(404)
    expect((await harness.call(creator, 'POST', `/batches/${batchId}/submit`)).status).toBe(404)
    expect((await addRequest(batchId)).status).toBe(404)
    const mine = (await harness.call(creator, 'GET', '/batches?limit=200')).json().items as {
      createdBy: string
    }[]
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.every((batch) => batch.createdBy === creator.userId)).toBe(true)
    const requests = (await harness.call(creator, 'GET', `/requests?batchId=${batchId}`)).json()
    expect(requests.items).toEqual([])

    for (const reader of [admin, approver, viewer]) {
      expect((await harness.call(reader, 'GET', `/batches/${batchId}`)).status).toBe(200)
    }
  })

  it('GET /batches should page newest first with a cursor', async () => {
    const pager = user('CREATOR')
    const ids = [await newBatch(pager, 'one'), await newBatch(pager, 'two'), await newBatch(pager, 'three')]

    const first = (await harness.call(pager, 'GET', '/batches?limit=2')).json()
    const second = (await harness.call(pager, 'GET', `/batches?limit=2&cursor=${first.nextCursor}`)).json()

    expect(first.items.map((batch: { id: string }) => batch.id)).toEqual([ids[2], ids[1]])
    expect(second.items.map((batch: { id: string }) => batch.id)).toEqual([ids[0]])
    expect(second.nextCursor).toBeNull()
    expect((await harness.call(pager, 'GET', '/batches?cursor=garbage')).status).toBe(400)
  })

  it('POST /batches/{id}/submit should refuse an empty batch with 409', async () => {
    const batchId = await newBatch()

    const response = await harness.call(creator, 'POST', `/batches/${batchId}/submit`)

    expect(response.status).toBe(409)
    expect(response.json().code).toBe('BATCH_EMPTY')
  })

  it('POST /batches/{id}/submit should move the batch and all its requests at once', async () => {
    const batchId = await newBatch()
    await addRequest(batchId)
    await addRequest(batchId)

    const response = await harness.call(creator, 'POST', `/batches/${batchId}/submit`, { body: {} })

    expect(response.status).toBe(200)
    const batch = response.json()
    expect(batch.status).toBe('SUBMITTED')
    expect(batch.submittedAt).not.toBeNull()
    expect(batch.requests.map((request: { status: string }) => request.status)).toEqual([
      'SUBMITTED',
      'SUBMITTED',
    ])
    expect((await addRequest(batchId)).status).toBe(409)
    expect((await harness.call(creator, 'POST', `/batches/${batchId}/cancel`)).json().code).toBe(
      'INVALID_TRANSITION',
    )
  })

  it('POST /batches/{id}/cancel should end a draft batch and freeze its requests', async () => {
    const batchId = await newBatch()
    const request = (await addRequest(batchId)).json()

    const response = await harness.call(creator, 'POST', `/batches/${batchId}/cancel`)

    expect(response.status).toBe(200)
    expect(response.json()).toMatchObject({ status: 'CANCELLED', completedAt: expect.any(String) })
    const patch = await harness.call(creator, 'PATCH', `/batches/${batchId}/requests/${request.id}`, {
      body: { purpose: 'late' },
    })
    expect(patch.status).toBe(409)
    expect((await harness.call(creator, 'POST', `/batches/${batchId}/submit`)).status).toBe(409)
  })

  it('20 concurrent submits of one batch should let exactly one succeed', async () => {
    const batchId = await newBatch()
    await addRequest(batchId)
    await addRequest(batchId)

    const responses = await Promise.all(
      Array.from({ length: 20 }, () => harness.call(creator, 'POST', `/batches/${batchId}/submit`)),
    )

    const statuses = responses.map((response) => response.status).sort()
    expect(statuses.filter((status) => status === 200)).toHaveLength(1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(19)
    const { rows } = await harness.service.context.pool.query(
      `select count(*)::int as events from outbox where event_type = 'BatchSubmitted' and message_key = $1`,
      [batchId],
    )
    expect(rows[0].events).toBe(1)
  })

  it('edits racing a submit should never land after the submission', async () => {
    for (let round = 0; round < 5; round += 1) {
      const batchId = await newBatch()
      const request = (await addRequest(batchId)).json()

      const [edit, submit] = await Promise.all([
        harness.call(creator, 'PATCH', `/batches/${batchId}/requests/${request.id}`, {
          body: { amount: '99.00' },
        }),
        harness.call(creator, 'POST', `/batches/${batchId}/submit`),
      ])

      expect(submit.status).toBe(200)
      expect([200, 409]).toContain(edit.status)
      const submitted = submit.json().requests[0]
      const now = (await harness.call(creator, 'GET', `/requests/${request.id}`)).json()
      // What was submitted is what is stored now: an edit either came before or was refused.
      expect(now).toEqual(submitted)
      expect(now.baseAmount).toBe(edit.status === 200 ? '99.00' : '1250.00')
    }
  })
})
