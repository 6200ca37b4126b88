import { randomUUID } from 'node:crypto'

import { withTransaction } from '@pay/db'
import type { Role } from '@pay/service-auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { appendEntry } from '../src/db/append-entry.ts'
import type { AuditEntry } from '../src/domain/audit-record.ts'
import { auditServiceFixture, type AuditServiceFixture } from './support/audit-service.ts'
import { sampleRecord } from './support/records.ts'

interface Item {
  sequence: number
  eventId: string
  eventType: string
  entityId: string
  actorId: string | null
  occurredAt: string
}

describe('audit routes', () => {
  let audit: AuditServiceFixture
  const alice = randomUUID()
  const bob = randomUUID()
  const batchId = randomUUID()
  const requestId = randomUUID()
  const entries: AuditEntry[] = []

  beforeAll(async () => {
    audit = await auditServiceFixture()
    // Twelve entries: two entities, two actors, three event types, four instants with ties.
    for (let index = 0; index < 12; index++) {
      const record = sampleRecord({
        eventId: randomUUID(),
        eventType: ['BatchCreated', 'RequestCreated', 'RequestStatusChanged'][index % 3],
        entityType: index % 2 === 0 ? 'Batch' : 'PaymentRequest',
        entityId: index % 2 === 0 ? batchId : requestId,
        actorId: index < 6 ? alice : bob,
        occurredAt: new Date(Date.UTC(2025, 2, 1 + Math.floor(index / 3))),
      })
      const entry = await withTransaction(audit.service.context.pool, (client) => appendEntry(client, record))
      entries.push(entry!)
    }
  })

  afterAll(async () => {
    await audit?.close()
  })

  async function get(url: string, role: Role = 'ADMIN') {
    return audit.service.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${await audit.tokenFor(role)}` },
    })
  }

  async function items(url: string): Promise<Item[]> {
    const response = await get(url)
    expect(response.statusCode, response.body).toBe(200)

    return response.json().items
  }

  /** Newest first: by occurrence, ties by sequence, both descending. */
  function newestFirst(selected: AuditEntry[]): string[] {
    return selected
      .toSorted((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || Number(b.sequence - a.sequence))
      .map((entry) => entry.eventId)
  }

  describe('GET /audit', () => {
    it('should answer ADMIN and VIEWER', async () => {
      expect((await get('/audit', 'ADMIN')).statusCode).toBe(200)
      expect((await get('/audit', 'VIEWER')).statusCode).toBe(200)
    })

    it('should refuse CREATOR and APPROVER with 403, even with a query that is not valid', async () => {
      for (const role of ['CREATOR', 'APPROVER'] as const) {
        const response = await get('/audit?limit=0', role)
        expect(response.statusCode).toBe(403)
        expect(response.json()).toMatchObject({ code: 'FORBIDDEN' })
      }
    })

    it('should refuse a caller without an internal token with 401', async () => {
      const response = await audit.service.app.inject({ method: 'GET', url: '/audit' })

      expect(response.statusCode).toBe(401)
    })

    it('should list every entry newest first with its chain fields', async () => {
      const listed = await items('/audit?limit=50')

      expect(listed.map((item) => item.eventId)).toEqual(newestFirst(entries))
      expect(listed[0]).toMatchObject({
        sequence: expect.any(Number),
        entityType: expect.any(String),
        source: { topic: 'payments.requests.v1', partition: 2, offset: '17' },
        prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      })
    })

    it('should filter by entity, actor, event type and time range together', async () => {
      const selected = entries.filter(
        (entry) =>
          entry.entityId === requestId &&
          entry.actorId === bob &&
          entry.occurredAt >= new Date('2025-03-03T00:00:00Z') &&
          entry.occurredAt < new Date('2025-03-04T00:00:00Z'),
      )
      const listed = await items(
        `/audit?entityType=PaymentRequest&entityId=${requestId}&actorId=${bob}` +
          `&from=2025-03-03T00:00:00Z&to=2025-03-04T00:00:00%2B00:00`,
      )

      expect(selected.length).toBeGreaterThan(0)
      expect(listed.map((item) => item.eventId)).toEqual(newestFirst(selected))
    })

    it('should filter by event type', async () => {
      const listed = await items('/audit?eventType=RequestCreated')

      expect(listed.map((item) => item.eventId)).toEqual(
        newestFirst(entries.filter((entry) => entry.eventType === 'RequestCreated')),
      )
    })

    it('should page through everything with the cursor, without repeats or gaps across equal times', async () => {
      const seen: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const query: string = cursor === null ? '' : `&cursor=${cursor}`
        const response = await get(`/audit?limit=5${query}`)
        const page = response.json()
        seen.push(...page.items.map((item: Item) => item.eventId))
        cursor = page.nextCursor
        pages += 1
      } while (cursor !== null)

      expect(pages).toBe(3)
      expect(seen).toEqual(newestFirst(entries))
    })

    it.each([
      ['an unknown event type', 'eventType=Nope', 'query.eventType'],
      ['an unknown parameter', 'colour=red', 'query.colour'],
      ['a time that is not ISO 8601', 'from=yesterday', 'query.from'],
      ['an empty time range', 'from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z', 'query.to'],
      ['a limit out of range', 'limit=0', 'query.limit'],
    ])('should refuse %s with 400', async (_, query, path) => {
      const response = await get(`/audit?${query}`)

      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ path })],
      })
    })

    it('should refuse a cursor it did not make with 400', async () => {
      const forged = Buffer.from(JSON.stringify({ sequence: 'x' })).toString('base64url')

      expect((await get(`/audit?cursor=${forged}`)).statusCode).toBe(400)
      expect((await get('/audit?cursor=%%%')).statusCode).toBe(400)
    })
  })

  describe('GET /audit/verify', () => {
    it('should refuse CREATOR with 403', async () => {
      expect((await get('/audit/verify', 'CREATOR')).statusCode).toBe(403)
    })

    it('should report the chain intact, then exactly the row a superuser changed', async () => {
      const intact = await get('/audit/verify', 'VIEWER')
      expect(intact.json()).toEqual({ intact: true, checked: 12 })

      const victim = entries[7]!
      const client = await audit.superuser.connect()
      try {
        await client.query('begin')
        await client.query('set local session_replication_role = replica')
        await client.query(`update audit_log set correlation_id = 'rewritten' where event_id = $1`, [
          victim.eventId,
        ])
        await client.query('commit')
      } finally {
        client.release()
      }

      const broken = await get('/audit/verify')
      expect(broken.json()).toEqual({
        intact: false,
        checked: 8,
        firstBrokenId: victim.eventId,
        firstBrokenSequence: 8,
        reason: 'HASH_MISMATCH',
      })
    })
  })
})
