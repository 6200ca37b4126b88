import { decodeEvent, encodeEvent, newEnvelope, type EventMessage } from '@pay/contracts'
import { describe, expect, it } from 'vitest'

import { auditRecordOf } from '../src/domain/record-of-event.ts'
import { batchLife } from './support/batch-life.ts'

const delivery = {
  topic: 'p.payments.requests.v1',
  partition: 1,
  offset: '9007199254740993',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
}
const recordedAt = new Date('2025-03-01T10:00:00.000Z')

function decoded<T extends EventMessage>(message: T): T {
  return decodeEvent(encodeEvent(message)) as T
}

function firstOf(eventType: string): EventMessage {
  const found = batchLife().events.find((message) => message.envelope.eventType === eventType)
  if (found === undefined) {
    throw new Error(`the batch life has no ${eventType}`)
  }

  return decoded(found)
}

describe('auditRecordOf', () => {
  it('should take the envelope, the delivery and the trace id of a decoded event', () => {
    const message = firstOf('RequestStatusChanged')
    const record = auditRecordOf(message, delivery, recordedAt)

    expect(record).toMatchObject({
      eventId: message.envelope.eventId,
      eventType: 'RequestStatusChanged',
      entityType: 'PaymentRequest',
      entityId: message.envelope.aggregateId,
      entityVersion: message.envelope.aggregateVersion,
      actorId: message.envelope.actorId,
      correlationId: message.envelope.correlationId,
      causationId: message.envelope.causationId,
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      previousState: { status: 'SUBMITTED' },
      newState: { status: 'PENDING_APPROVAL' },
      occurredAt: message.envelope.occurredAt,
      recordedAt,
      sourceTopic: 'p.payments.requests.v1',
      sourcePartition: 1,
      sourceOffset: 9007199254740993n,
    })
  })

  it('should store the payload as JSON with amounts as decimal strings and times in UTC', () => {
    const record = auditRecordOf(firstOf('RequestPaid'), delivery, recordedAt)

    expect(record.payload).toMatchObject({ totalAmount: '125000', extraAmount: '0', currency: 'EUR' })
    expect((record.payload as { paidAt: string }).paidAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(JSON.parse(JSON.stringify(record.payload))).toEqual(record.payload)
  })

  it('should spell the event id in lowercase, as the database returns it', () => {
    const message: EventMessage<'BatchCreated'> = {
      envelope: {
        ...newEnvelope({
          eventType: 'BatchCreated',
          aggregateType: 'Batch',
          aggregateId: 'b',
          aggregateVersion: 1,
        }),
        eventId: 'ABCDEF00-0000-4000-8000-00000000000A',
      },
      payload: { batchId: 'b', title: 't', createdBy: 'u', status: 'DRAFT' },
    }

    expect(auditRecordOf(message, delivery, recordedAt).eventId).toBe('abcdef00-0000-4000-8000-00000000000a')
  })

  it('should keep whole milliseconds of the recording time', () => {
    const record = auditRecordOf(firstOf('BatchCreated'), delivery, new Date(1_700_000_000_123.9))

    expect(record.recordedAt.getTime()).toBe(1_700_000_000_123)
  })
})

describe('auditRecordOf state changes', () => {
  it.each([
    ['BatchCreated', null, { status: 'DRAFT' }],
    ['BatchSubmitted', { status: 'DRAFT' }, { status: 'SUBMITTED' }],
    ['BatchCompleted', { status: 'PROCESSING' }, { status: 'COMPLETED' }],
    ['RequestSubmitted', null, { status: 'SUBMITTED' }],
    ['RequestPaid', null, { status: 'PAID' }],
    ['ApprovalVoteRecorded', { approvalCount: 0 }, { approvalCount: 1, requiredApprovals: 1 }],
    ['RequestApproved', null, { decision: 'APPROVED' }],
    ['RequestRejected', null, { decision: 'REJECTED' }],
    ['UserCreated', null, { displayName: 'Carla Creator', role: 'CREATOR', active: true }],
    ['VendorChanged', null, { active: true, deactivatedAt: null, version: '1' }],
    ['JournalEntryPosted', null, null],
    ['SecurityEventRecorded', null, null],
  ])('should record %s as %j → %j', (eventType, previous, current) => {
    const record = auditRecordOf(firstOf(eventType), delivery, recordedAt)

    expect(record.previousState).toEqual(previous)
    expect(record.newState).toEqual(current)
  })

  it('should record a user change as its previous and current settings', () => {
    const message = decoded<EventMessage<'UserChanged'>>({
      envelope: newEnvelope({
        eventType: 'UserChanged',
        aggregateType: 'User',
        aggregateId: 'u',
        aggregateVersion: 2,
      }),
      payload: {
        userId: '11111111-2222-4333-8444-555555555555',
        username: 'carla',
        previous: { displayName: 'Carla', role: 'CREATOR', active: true },
        current: { displayName: 'Carla', role: 'CREATOR', active: false },
      },
    })
    const record = auditRecordOf(message, delivery, recordedAt)

    expect(record.previousState).toEqual({ displayName: 'Carla', role: 'CREATOR', active: true })
    expect(record.newState).toEqual({ displayName: 'Carla', role: 'CREATOR', active: false })
  })
})
