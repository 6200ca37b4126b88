import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApprovalFixture, user } from './support/approval-fixture.ts'

// 1250.00 USD needs one approval, 10000.00 USD two (the default thresholds).
const DUAL = { baseAmount: 1_000_000n, extraAmount: 0n, totalAmount: 1_000_000n }

describe('approval decisions', () => {
  let fixture: ApprovalFixture

  beforeAll(async () => {
    fixture = await ApprovalFixture.start('approval_decisions')
  })

  afterAll(async () => {
    await fixture?.stop()
  })

  it("should refuse the creator's own decision with SELF_APPROVAL_FORBIDDEN, also as ADMIN", async () => {
    for (const role of ['ADMIN', 'APPROVER'] as const) {
      const creator = user(role)
      const { payload } = await fixture.submit({ createdBy: creator.userId })

      const approve = await fixture.approve(payload.requestId, creator)
      const reject = await fixture.reject(payload.requestId, creator, 'not mine to decide')

      expect(approve.statusCode, role).toBe(403)
      expect(approve.json().code, role).toBe('SELF_APPROVAL_FORBIDDEN')
      expect(reject.statusCode, role).toBe(403)
      expect(reject.json().code, role).toBe('SELF_APPROVAL_FORBIDDEN')
      expect(await recordCount(fixture, payload.requestId)).toBe(0)
    }
  })

  it('should refuse CREATOR and VIEWER roles with FORBIDDEN', async () => {
    const { payload } = await fixture.submit()

    for (const role of ['CREATOR', 'VIEWER'] as const) {
      const response = await fixture.approve(payload.requestId, user(role))
      expect(response.statusCode, role).toBe(403)
      expect(response.json().code, role).toBe('FORBIDDEN')
    }
  })

  it('should approve with one approval and publish RequestApproved with what the ledger needs', async () => {
    const approver = user('APPROVER')
    const { payload } = await fixture.submit()

    const response = await fixture.approve(payload.requestId, approver, { comment: '  looks right  ' })

    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      requestId: payload.requestId,
      status: 'APPROVED',
      requiredApprovals: 1,
      approvalCount: 1,
      votes: [{ approverId: approver.userId, decision: 'APPROVE', comment: 'looks right' }],
      decision: { outcome: 'APPROVED', decidedBy: approver.userId, comment: 'looks right' },
    })
    const approved = await fixture.eventOf(payload.requestId, 'RequestApproved')
    expect(approved.payload).toMatchObject({
      requestId: payload.requestId,
      batchId: payload.batchId,
      approverIds: [approver.userId],
      comment: 'looks right',
      requiredApprovals: 1,
      policyThreshold: 1_000_000n,
      createdBy: payload.createdBy,
      kind: 'LEDGER',
      payeeName: payload.payeeName,
      entityType: 'VENDOR',
      vendorId: payload.vendorId,
      subcontractorId: null,
      siteId: payload.siteId,
      siteCode: payload.siteCode,
      baseAmount: payload.baseAmount,
      extraAmount: payload.extraAmount,
      totalAmount: payload.totalAmount,
      currency: 'USD',
    })
    expect(approved.envelope).toMatchObject({
      aggregateType: 'Approval',
      aggregateVersion: 2n,
      actorId: approver.userId,
      correlationId: response.headers['x-request-id'],
    })
  })

  it('should reject only with a comment, finally, and publish RequestRejected', async () => {
    const approver = user('APPROVER')
    const { payload } = await fixture.submit()

    const missing = await fixture.reject(payload.requestId, approver, undefined)
    const blank = await fixture.reject(payload.requestId, approver, '   ')
    const tooLong = await fixture.reject(payload.requestId, approver, 'x'.repeat(1_001))
    expect([missing.statusCode, blank.statusCode, tooLong.statusCode]).toEqual([400, 400, 400])
    expect(missing.json().errors).toEqual([{ path: 'comment', message: 'required' }])

    const rejected = await fixture.reject(payload.requestId, approver, 'duplicate invoice')
    expect(rejected.statusCode).toBe(200)
    expect(rejected.json()).toMatchObject({ status: 'REJECTED', decision: { outcome: 'REJECTED' } })

    const again = await fixture.approve(payload.requestId, user('APPROVER'))
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('ALREADY_DECIDED')
    const event = await fixture.eventOf(payload.requestId, 'RequestRejected')
    expect(event.payload).toMatchObject({
      approverId: approver.userId,
      priorApproverIds: [],
      comment: 'duplicate invoice',
      requiredApprovals: 1,
      totalAmount: payload.totalAmount,
      currency: 'USD',
    })
  })

  it('should refuse unknown body fields and a request id that is not a UUID', async () => {
    const { payload } = await fixture.submit()

    const unknown = await fixture.approve(payload.requestId, user('APPROVER'), {
      comment: 'ok',
      amount: '1.00',
    })
    const badId = await fixture.approve('not-a-uuid', user('APPROVER'))

    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().errors).toEqual([{ path: 'amount', message: 'unknown field' }])
    expect(badId.statusCode).toBe(400)
  })

  it('should replay a retried approval with the same Idempotency-Key and decide nothing twice', async () => {
    const approver = user('APPROVER')
    const { payload } = await fixture.submit()
    const key = randomUUID()

    const first = await fixture.approve(payload.requestId, approver, { comment: 'ok' }, key)
    const retry = await fixture.approve(payload.requestId, approver, { comment: 'ok' }, key)
    const otherBody = await fixture.approve(payload.requestId, approver, { comment: 'changed' }, key)

    expect(first.statusCode).toBe(200)
    expect(retry.statusCode).toBe(200)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.body).toBe(first.body)
    expect(otherBody.statusCode).toBe(422)
    expect(await voteCount(fixture, payload.requestId)).toBe(1)
  })

  it('should let exactly one of 20 concurrent approvers decide: one record, one event, the rest 409', async () => {
    const { payload } = await fixture.submit()
    const approvers = Array.from({ length: 20 }, () => user('APPROVER'))

    const responses = await Promise.all(
      approvers.map((approver) => fixture.approve(payload.requestId, approver)),
    )

    const statuses = responses.map((response) => response.statusCode)
    expect(statuses.filter((status) => status === 200)).toHaveLength(1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(19)
    expect(new Set(responses.filter((r) => r.statusCode === 409).map((r) => r.json().code))).toEqual(
      new Set(['ALREADY_DECIDED']),
    )
    expect(await recordCount(fixture, payload.requestId)).toBe(1)
    expect(await voteCount(fixture, payload.requestId)).toBe(1)
    await fixture.eventOf(payload.requestId, 'RequestApproved')
    expect(await outboxTypes(fixture, payload.requestId)).toEqual([
      'RequestQueuedForApproval',
      'RequestApproved',
    ])
    const published = fixture.published.filter((event) => event.envelope.aggregateId === payload.requestId)
    expect(published.map((event) => event.envelope.eventType)).toEqual([
      'RequestQueuedForApproval',
      'RequestApproved',
    ])
  })

  describe('dual control', () => {
    it('should record one approval as a vote, not a decision', async () => {
      const approver = user('APPROVER')
      const { payload } = await fixture.submit(DUAL)

      const response = await fixture.approve(payload.requestId, approver, { comment: 'first look' })

      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({
        status: 'PENDING',
        requiredApprovals: 2,
        approvalCount: 1,
        decision: null,
      })
      expect(await recordCount(fixture, payload.requestId)).toBe(0)
      const vote = await fixture.eventOf(payload.requestId, 'ApprovalVoteRecorded')
      expect(vote.payload).toEqual({
        requestId: payload.requestId,
        batchId: payload.batchId,
        approverId: approver.userId,
        comment: 'first look',
        approvalCount: 1,
        requiredApprovals: 2,
      })
    })

    it('should refuse the same approver twice', async () => {
      const approver = user('APPROVER')
      const { payload } = await fixture.submit(DUAL)
      await fixture.approve(payload.requestId, approver)

      const second = await fixture.approve(payload.requestId, approver)

      expect(second.statusCode).toBe(409)
      expect(second.json().code).toBe('ALREADY_VOTED')
      expect(await recordCount(fixture, payload.requestId)).toBe(0)
    })

    it('should approve with two different approvers, naming both in order', async () => {
      const [first, second] = [user('APPROVER'), user('ADMIN')]
      const { payload } = await fixture.submit(DUAL)

      expect((await fixture.approve(payload.requestId, first)).statusCode).toBe(200)
      const decided = await fixture.approve(payload.requestId, second, { comment: 'second pair of eyes' })

      expect(decided.json()).toMatchObject({ status: 'APPROVED', approvalCount: 2 })
      const approved = await fixture.eventOf(payload.requestId, 'RequestApproved')
      expect(approved.payload).toMatchObject({
        approverIds: [first.userId, second.userId],
        comment: 'second pair of eyes',
        requiredApprovals: 2,
        policyThreshold: 1_000_000n,
      })
      const types = (await fixture.eventsOf(payload.requestId, 3)).map((event) => event.envelope.eventType)
      expect(types).toEqual(['RequestQueuedForApproval', 'ApprovalVoteRecorded', 'RequestApproved'])
    })

    it('should reject finally when a second approver rejects after one approval', async () => {
      const [first, second] = [user('APPROVER'), user('APPROVER')]
      const { payload } = await fixture.submit(DUAL)
      await fixture.approve(payload.requestId, first)

      const rejected = await fixture.reject(payload.requestId, second, 'vendor not verified')
      const late = await fixture.approve(payload.requestId, user('APPROVER'))

      expect(rejected.json()).toMatchObject({ status: 'REJECTED', approvalCount: 1 })
      expect(late.json().code).toBe('ALREADY_DECIDED')
      const event = await fixture.eventOf(payload.requestId, 'RequestRejected')
      expect(event.payload).toMatchObject({
        approverId: second.userId,
        priorApproverIds: [first.userId],
        requiredApprovals: 2,
      })
    })

    it('should let two of 20 concurrent approvers count, then refuse the rest', async () => {
      const { payload } = await fixture.submit(DUAL)
      const approvers = Array.from({ length: 20 }, () => user('APPROVER'))

      const responses = await Promise.all(
        approvers.map((approver) => fixture.approve(payload.requestId, approver)),
      )

      expect(responses.filter((response) => response.statusCode === 200)).toHaveLength(2)
      expect(await voteCount(fixture, payload.requestId)).toBe(2)
      expect(await recordCount(fixture, payload.requestId)).toBe(1)
      expect(await outboxTypes(fixture, payload.requestId)).toEqual([
        'RequestQueuedForApproval',
        'ApprovalVoteRecorded',
        'RequestApproved',
      ])
    })
  })

  it('should tell the history of a request: votes in order and the decision', async () => {
    const [first, second] = [user('APPROVER'), user('APPROVER')]
    const creator = user('CREATOR')
    const { payload } = await fixture.submit({ ...DUAL, createdBy: creator.userId })
    await fixture.approve(payload.requestId, first, { comment: 'one' })
    await fixture.approve(payload.requestId, second)

    const asViewer = await fixture.inject('GET', `/requests/${payload.requestId}/approvals`, {
      as: user('VIEWER'),
    })
    const asCreator = await fixture.inject('GET', `/requests/${payload.requestId}/approvals`, { as: creator })
    const asOtherCreator = await fixture.inject('GET', `/requests/${payload.requestId}/approvals`, {
      as: user('CREATOR'),
    })
    const unseen = await fixture.inject('GET', `/requests/${randomUUID()}/approvals`, { as: user('VIEWER') })

    expect(asViewer.statusCode).toBe(200)
    expect(asViewer.json()).toMatchObject({
      requestId: payload.requestId,
      status: 'APPROVED',
      totalAmount: '10000.00',
      policyThreshold: '10000.00',
      votes: [
        { approverId: first.userId, decision: 'APPROVE', comment: 'one' },
        { approverId: second.userId, decision: 'APPROVE', comment: null },
      ],
      decision: { outcome: 'APPROVED', decidedBy: second.userId, comment: null },
    })
    expect(asCreator.statusCode).toBe(200)
    expect(asOtherCreator.statusCode).toBe(404)
    expect(unseen.json().code).toBe('APPROVAL_NOT_FOUND')
  })
})

async function recordCount(fixture: ApprovalFixture, requestId: string): Promise<number> {
  const { rows } = await fixture.pool.query(
    'select count(*)::int as n from approval_records where request_id = $1',
    [requestId],
  )

  return rows[0].n
}

async function voteCount(fixture: ApprovalFixture, requestId: string): Promise<number> {
  const { rows } = await fixture.pool.query(
    'select count(*)::int as n from approval_votes where request_id = $1',
    [requestId],
  )

  return rows[0].n
}

/** Every event the service committed about a request, in commit order. */
async function outboxTypes(fixture: ApprovalFixture, requestId: string): Promise<string[]> {
  const { rows } = await fixture.pool.query(
    'select event_type from outbox where message_key = $1 order by id',
    [requestId],
  )

  return rows.map((row) => row.event_type)
}
