import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApprovalFixture, user } from './support/approval-fixture.ts'

describe('approval policies', () => {
  let fixture: ApprovalFixture
  const admin = user('ADMIN')

  beforeAll(async () => {
    fixture = await ApprovalFixture.start('approval_policies', {
      DUAL_CONTROL_THRESHOLDS: 'USD=10000.00,EUR=5000',
    })
  })

  afterAll(async () => {
    await fixture?.stop()
  })

  it('should serve the policies seeded from DUAL_CONTROL_THRESHOLDS to every role', async () => {
    const response = await fixture.inject('GET', '/approvals/policies', { as: user('VIEWER') })

    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      items: [
        { currency: 'EUR', threshold: '5000.00', version: 1, updatedBy: null },
        { currency: 'USD', threshold: '10000.00', version: 1, updatedBy: null },
      ],
      nextCursor: null,
    })
  })

  it('should let only an ADMIN set a threshold', async () => {
    for (const role of ['APPROVER', 'CREATOR', 'VIEWER'] as const) {
      const response = await fixture.inject('PUT', '/approvals/policies/USD', {
        as: user(role),
        body: { threshold: '1.00' },
      })
      expect(response.statusCode, role).toBe(403)
    }
  })

  it('should refuse bad thresholds and unsupported currencies with field errors', async () => {
    const overPrecise = await fixture.inject('PUT', '/approvals/policies/JPY', {
      as: admin,
      body: { threshold: '10.5' },
    })
    const negative = await fixture.inject('PUT', '/approvals/policies/USD', {
      as: admin,
      body: { threshold: '-1' },
    })
    const unknown = await fixture.inject('PUT', '/approvals/policies/XYZ', {
      as: admin,
      body: { threshold: '1' },
    })

    expect(overPrecise.statusCode).toBe(400)
    expect(overPrecise.json().errors).toEqual([{ path: 'threshold', message: 'JPY has no minor unit' }])
    expect(negative.statusCode).toBe(400)
    expect(unknown.statusCode).toBe(400)
  })

  it('should create a policy with 201, change it with 200 and publish ApprovalPolicyChanged', async () => {
    const created = await fixture.inject('PUT', '/approvals/policies/GBP', {
      as: admin,
      body: { threshold: '750.00' },
    })
    const changed = await fixture.inject('PUT', '/approvals/policies/GBP', {
      as: admin,
      body: { threshold: '800' },
    })

    expect(created.statusCode).toBe(201)
    expect(changed.statusCode).toBe(200)
    expect(changed.json()).toMatchObject({
      currency: 'GBP',
      threshold: '800.00',
      version: 2,
      updatedBy: admin.userId,
    })
    const events = await fixture.eventsOf('GBP', 2)
    expect(events.map((event) => event.payload)).toEqual([
      { currency: 'GBP', threshold: 75_000n, previousThreshold: null, changedBy: admin.userId },
      { currency: 'GBP', threshold: 80_000n, previousThreshold: 75_000n, changedBy: admin.userId },
    ])
    expect(events[1]!.envelope).toMatchObject({ aggregateType: 'ApprovalPolicy', aggregateVersion: 2n })
    expect(fixture.keys.get(events[1]!.envelope.eventId)).toBe('GBP')

    const unchanged = await fixture.inject('PUT', '/approvals/policies/GBP', {
      as: admin,
      body: { threshold: '800.00' },
    })
    expect(unchanged.statusCode).toBe(200)
    expect(unchanged.json()).toMatchObject({ version: 2 })
    const { rows } = await fixture.pool.query(
      "select count(*)::int as n from outbox where message_key = 'GBP'",
    )
    expect(rows[0].n).toBe(2)
  })

  it('should keep the policy an item was queued with when the threshold changes later', async () => {
    const before = await fixture.submit({
      currency: 'EUR',
      baseAmount: 400_000n,
      extraAmount: 0n,
      totalAmount: 400_000n,
    })

    const lowered = await fixture.inject('PUT', '/approvals/policies/EUR', {
      as: admin,
      body: { threshold: '3000' },
    })
    expect(lowered.statusCode).toBe(200)
    const after = await fixture.submit({
      currency: 'EUR',
      baseAmount: 400_000n,
      extraAmount: 0n,
      totalAmount: 400_000n,
    })

    const approver = user('APPROVER')
    const early = await fixture.approve(before.payload.requestId, approver)
    const late = await fixture.approve(after.payload.requestId, approver)
    expect(early.json()).toMatchObject({
      status: 'APPROVED',
      requiredApprovals: 1,
      policyThreshold: '5000.00',
    })
    expect(late.json()).toMatchObject({ status: 'PENDING', requiredApprovals: 2, policyThreshold: '3000.00' })
  })
})
