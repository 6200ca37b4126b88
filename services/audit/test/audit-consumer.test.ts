import { randomBytes, randomUUID } from 'node:crypto'

import { encodeEvent, newEnvelope, type EventMessage } from '@pay/contracts'
import { waitFor } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { auditServiceFixture, type AuditServiceFixture } from './support/audit-service.ts'
import { batchLife } from './support/batch-life.ts'

interface AuditedRow {
  sequence: bigint
  event_id: string
  event_type: string
  entity_type: string
  entity_id: string
  entity_version: bigint
  actor_id: string | null
  correlation_id: string | null
  causation_id: string | null
  trace_id: string | null
  source_topic: string
}

describe('audit consumer', () => {
  let audit: AuditServiceFixture

  beforeAll(async () => {
    audit = await auditServiceFixture()
  })

  afterAll(async () => {
    await audit?.close()
  })

  async function auditedRows(eventIds: string[]): Promise<AuditedRow[]> {
    const { rows } = await audit.service.context.pool.query<AuditedRow>(
      `select sequence, event_id, event_type, entity_type, entity_id, entity_version, actor_id, correlation_id,
         causation_id, trace_id, source_topic
       from audit_log where event_id = any($1::uuid[]) order by sequence`,
      [eventIds],
    )

    return rows
  }

  async function untilAudited(eventIds: string[]): Promise<AuditedRow[]> {
    return waitFor(
      async () => {
        const rows = await auditedRows(eventIds)
        return new Set(rows.map((row) => row.event_id)).size === eventIds.length && rows
      },
      { timeoutMs: 20_000, message: 'events not audited' },
    )
  }

  async function get(url: string) {
    const response = await audit.service.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${await audit.tokenFor('ADMIN')}` },
    })
    expect(response.statusCode, response.body).toBe(200)

    return response.json()
  }

  it('should write one row for the same event delivered five times', async () => {
    const batchId = randomUUID()
    const event: EventMessage<'BatchCreated'> = {
      envelope: newEnvelope({
        eventType: 'BatchCreated',
        aggregateType: 'Batch',
        aggregateId: batchId,
        aggregateVersion: 1,
        actorId: randomUUID(),
        correlationId: randomUUID(),
      }),
      payload: { batchId, title: 'delivered five times', createdBy: randomUUID(), status: 'DRAFT' },
    }
    const marker = { ...event, envelope: { ...event.envelope, eventId: randomUUID(), aggregateVersion: 2n } }
    const encoded = encodeEvent(event)
    for (let delivery = 0; delivery < 5; delivery++) {
      await audit.produceRaw('payments.requests.v1', batchId, encoded)
    }
    await audit.produce([marker])

    await untilAudited([marker.envelope.eventId])
    const rows = await auditedRows([event.envelope.eventId, marker.envelope.eventId])

    expect(rows.map((row) => row.event_id)).toEqual([event.envelope.eventId, marker.envelope.eventId])
  }, 30_000)

  it('should audit every event of a batch life once, in order per entity, with actor, correlation and trace', async () => {
    const life = batchLife()
    const traceparents = new Map<string, string>()
    const traceparentOf = (event: EventMessage) => {
      const correlation = event.envelope.correlationId ?? 'none'
      if (!traceparents.has(correlation)) {
        traceparents.set(
          correlation,
          `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
        )
      }

      return traceparents.get(correlation)!
    }
    await audit.produce(life.events, (event) => ({ traceparent: traceparentOf(event) }))

    const ids = life.events.map((event) => event.envelope.eventId)
    const rows = await untilAudited(ids)

    expect(rows).toHaveLength(life.events.length)
    const topicsUsed = new Set(rows.map((row) => row.source_topic.slice(audit.prefix.length)))
    expect([...topicsUsed].sort()).toEqual([
      'payments.approvals.v1',
      'payments.identity.v1',
      'payments.journal.v1',
      'payments.master-data.v1',
      'payments.requests.v1',
    ])

    const rowOf = new Map(rows.map((row) => [row.event_id, row]))
    for (const event of life.events) {
      const row = rowOf.get(event.envelope.eventId)!
      expect(row).toMatchObject({
        event_type: event.envelope.eventType,
        entity_type: event.envelope.aggregateType,
        entity_id: event.envelope.aggregateId,
        entity_version: event.envelope.aggregateVersion,
        actor_id: event.envelope.actorId,
        correlation_id: event.envelope.correlationId,
        causation_id: event.envelope.causationId,
        trace_id: traceparentOf(event).split('-')[1],
      })
    }

    const entityOf = (type: string, id: string) => `${type}/${id}`
    const producedPerEntity = Map.groupBy(life.events, (event) =>
      entityOf(event.envelope.aggregateType, event.envelope.aggregateId),
    )
    const auditedPerEntity = Map.groupBy(rows, (row) => entityOf(row.entity_type, row.entity_id))
    for (const [entity, produced] of producedPerEntity) {
      expect(
        auditedPerEntity.get(entity)!.map((row) => row.event_id),
        entity,
      ).toEqual(produced.map((event) => event.envelope.eventId))
    }

    expect(await get('/audit/verify')).toMatchObject({ intact: true })
  }, 60_000)

  it('should show who created, edited, submitted, approved and paid a request, newest first', async () => {
    const life = batchLife()
    await audit.produce(life.events)
    await untilAudited(life.events.map((event) => event.envelope.eventId))
    const [requestId] = life.requestIds
    const { admin, creator, approver } = life.actors

    const history = await get(`/audit?entityType=PaymentRequest&entityId=${requestId}`)
    expect(
      history.items.map((item: { eventType: string; actorId: string | null; newState: unknown }) => [
        item.eventType,
        item.actorId,
        item.newState,
      ]),
    ).toEqual([
      ['SoaDocumentAdded', null, null],
      ['RequestPaid', admin, { status: 'PAID' }],
      ['RequestStatusChanged', approver, { status: 'APPROVED' }],
      ['RequestStatusChanged', creator, { status: 'PENDING_APPROVAL' }],
      ['RequestSubmitted', creator, { status: 'SUBMITTED' }],
      ['RequestUpdated', creator, { status: 'DRAFT' }],
      ['RequestCreated', creator, { status: 'DRAFT' }],
    ])

    const everything = await get(`/audit?entityId=${requestId}`)
    const decisions = everything.items.filter(
      (item: { entityType: string }) => item.entityType === 'ApprovalRecord',
    )
    expect(decisions.map((item: { eventType: string }) => item.eventType)).toEqual([
      'RequestApproved',
      'ApprovalVoteRecorded',
      'RequestQueuedForApproval',
    ])
    expect(decisions[0]).toMatchObject({ actorId: approver, newState: { decision: 'APPROVED' } })
    expect(Date.parse(decisions[0].occurredAt)).not.toBeNaN()
  }, 60_000)
})
