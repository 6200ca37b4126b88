import { describe, expect, it } from 'vitest'

import { decodeEvent, encodeEvent, newEnvelope } from '../src/index.ts'

describe('newEnvelope', () => {
  const now = () => new Date('2025-01-02T03:04:05.006Z')
  const newId = () => '00000000-0000-4000-8000-000000000001'

  it('should stamp a fresh id and the time of the clock it is given', () => {
    const envelope = newEnvelope(
      { eventType: 'ClientChanged', aggregateType: 'Client', aggregateId: 'c-1', aggregateVersion: 7 },
      { now, newId },
    )

    expect(envelope).toEqual({
      eventId: '00000000-0000-4000-8000-000000000001',
      eventType: 'ClientChanged',
      occurredAt: new Date('2025-01-02T03:04:05.006Z'),
      aggregateType: 'Client',
      aggregateId: 'c-1',
      aggregateVersion: 7n,
      actorId: null,
      correlationId: null,
      causationId: null,
    })
  })

  it('should default to a random uuid and the current time', () => {
    const before = Date.now()
    const first = newEnvelope({
      eventType: 'UserCreated',
      aggregateType: 'User',
      aggregateId: 'u',
      aggregateVersion: 1n,
    })
    const second = newEnvelope({
      eventType: 'UserCreated',
      aggregateType: 'User',
      aggregateId: 'u',
      aggregateVersion: 1n,
    })

    expect(first.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(first.eventId).not.toBe(second.eventId)
    expect(first.occurredAt.getTime()).toBeGreaterThanOrEqual(before)
  })

  it('should build an envelope the codec accepts', () => {
    const envelope = newEnvelope(
      {
        eventType: 'ApprovalPolicyChanged',
        aggregateType: 'ApprovalPolicy',
        aggregateId: 'EUR',
        aggregateVersion: 1,
        actorId: 'user-1',
        correlationId: 'req-1',
        causationId: null,
      },
      { now, newId },
    )
    const payload = {
      currency: 'EUR',
      threshold: 100n,
      previousThreshold: null,
      changedBy: '00000000-0000-4000-8000-000000000002',
    }

    expect(decodeEvent(encodeEvent({ envelope, payload })).envelope).toEqual(envelope)
  })
})
