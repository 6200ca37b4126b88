import { createHash, randomUUID } from 'node:crypto'

import canonicalize from 'canonicalize'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { verifyChain } from '../src/db/verify-chain.ts'
import { auditLogFixture, type AuditLogFixture } from './support/audit-log.ts'
import { sampleRecord } from './support/records.ts'

const INSUFFICIENT_PRIVILEGE = '42501'
const REFUSED_BY_TRIGGER = '2F003'

describe('audit_log', () => {
  let log: AuditLogFixture

  beforeEach(async () => {
    log = await auditLogFixture()
  })

  afterEach(async () => {
    await log.close()
  })

  async function appendMany(count: number) {
    const entries = []
    for (let index = 0; index < count; index++) {
      entries.push(await log.append(sampleRecord({ eventId: randomUUID(), entityVersion: BigInt(index) })))
    }

    return entries
  }

  async function superuserChange(sql: string, values: unknown[] = []) {
    const client = await log.superuser.connect()
    try {
      // A superuser can switch triggers off for its session; the hash chain still gives it away.
      await client.query('begin')
      await client.query('set local session_replication_role = replica')
      await client.query(sql, values)
      await client.query('commit')
    } finally {
      client.release()
    }
  }

  it('should record the same event once however often it is appended', async () => {
    const record = sampleRecord({ eventId: randomUUID() })
    const outcomes = []
    for (let attempt = 0; attempt < 5; attempt++) {
      outcomes.push(await log.append(record))
    }

    const { rows } = await log.pool.query('select count(*)::int as n from audit_log')
    expect(rows[0].n).toBe(1)
    expect(outcomes.filter((outcome) => outcome !== undefined)).toHaveLength(1)
  })

  it('should refuse a second row for an event id even without the writer lock', async () => {
    const [entry] = await appendMany(1)

    await expect(
      log.pool.query(
        `insert into audit_log (sequence, event_id, event_type, entity_type, entity_id, entity_version,
           occurred_at, recorded_at, source_topic, source_partition, source_offset, payload, prev_hash, hash)
         values (2, $1, 'BatchCreated', 'Batch', 'b', 1, $3, $3, 't', 0, 0, '{}', $2, $2)`,
        [entry!.eventId, entry!.hash, new Date()],
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'audit_log_event_id_key' })
  })

  it('should keep the chain linear and gap-free under concurrent writers', async () => {
    const writers = 8
    const perWriter = 15
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let index = 0; index < perWriter; index++) {
          await log.append(sampleRecord({ eventId: randomUUID() }))
        }
      }),
    )

    const { rows } = await log.pool.query<{ sequence: bigint }>(
      'select sequence from audit_log order by sequence',
    )
    expect(rows.map((row) => Number(row.sequence))).toEqual(
      Array.from({ length: writers * perWriter }, (_, index) => index + 1),
    )
    expect(await verifyChain(log.pool, { pageSize: 50 })).toEqual({
      intact: true,
      checked: writers * perWriter,
    })
  })

  it('should refuse UPDATE, DELETE and TRUNCATE by the service role', async () => {
    await appendMany(2)

    await expect(log.pool.query(`update audit_log set actor_id = 'forged'`)).rejects.toMatchObject({
      code: INSUFFICIENT_PRIVILEGE,
    })
    await expect(log.pool.query('delete from audit_log where sequence = 1')).rejects.toMatchObject({
      code: INSUFFICIENT_PRIVILEGE,
    })
    await expect(log.pool.query('truncate audit_log')).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE })
    const { rows } = await log.pool.query(
      `select count(*)::int as n from audit_log where actor_id = 'forged'`,
    )
    expect(rows[0].n).toBe(0)
  })

  it('should still refuse changes by the service role after it grants itself the privileges back', async () => {
    await appendMany(2)
    await log.pool.query('grant update, delete, truncate on audit_log to current_user')

    await expect(log.pool.query(`update audit_log set actor_id = 'forged'`)).rejects.toMatchObject({
      code: REFUSED_BY_TRIGGER,
    })
    await expect(log.pool.query('delete from audit_log')).rejects.toMatchObject({ code: REFUSED_BY_TRIGGER })
    await expect(log.pool.query('truncate audit_log')).rejects.toMatchObject({ code: REFUSED_BY_TRIGGER })
  })

  it('should refuse a superuser change while the trigger is active', async () => {
    await appendMany(1)

    await expect(log.superuser.query(`update audit_log set actor_id = 'forged'`)).rejects.toMatchObject({
      code: REFUSED_BY_TRIGGER,
    })
  })

  it('should verify an untouched chain as intact whatever the page size', async () => {
    await appendMany(7)

    expect(await verifyChain(log.pool, { pageSize: 1 })).toEqual({ intact: true, checked: 7 })
    expect(await verifyChain(log.pool, { pageSize: 1_000 })).toEqual({ intact: true, checked: 7 })
  })

  it('should let an outside auditor recompute every hash with SQL, RFC 8785 and SHA-256 alone', async () => {
    await appendMany(3)
    await log.append(
      sampleRecord({ eventId: randomUUID(), actorId: null, previousState: null, traceId: null }),
    )

    // The export query and the recipe of the README, on purpose without any of the service's code.
    const { rows } = await log.superuser.query<Record<string, string | number | null>>(`
      select sequence::text as sequence, event_id::text as event_id, event_type, entity_type, entity_id,
             entity_version::text as entity_version, actor_id, correlation_id, causation_id, trace_id,
             previous_state::text as previous_state, new_state::text as new_state,
             to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at,
             to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at,
             source_topic, source_partition, source_offset::text as source_offset, payload::text as payload,
             prev_hash, hash
      from audit_log order by sequence`)
    const json = (text: unknown) => (typeof text === 'string' ? JSON.parse(text) : null)
    let previous = { sequence: 0n, hash: '0'.repeat(64) }
    for (const row of rows) {
      const canonical = canonicalize({
        sequence: row.sequence,
        eventId: row.event_id,
        eventType: row.event_type,
        entityType: row.entity_type,
        entityId: row.entity_id,
        entityVersion: row.entity_version,
        actorId: row.actor_id,
        correlationId: row.correlation_id,
        causationId: row.causation_id,
        traceId: row.trace_id,
        previousState: json(row.previous_state),
        newState: json(row.new_state),
        occurredAt: row.occurred_at,
        recordedAt: row.recorded_at,
        sourceTopic: row.source_topic,
        sourcePartition: row.source_partition,
        sourceOffset: row.source_offset,
        payload: json(row.payload),
      })

      expect(BigInt(row.sequence!)).toBe(previous.sequence + 1n)
      expect(row.prev_hash).toBe(previous.hash)
      expect(createHash('sha256').update(`${row.prev_hash}${canonical}`, 'utf8').digest('hex')).toBe(row.hash)
      previous = { sequence: BigInt(row.sequence!), hash: String(row.hash) }
    }
    expect(rows).toHaveLength(4)
  })

  it('should verify an empty chain as intact', async () => {
    expect(await verifyChain(log.pool, { pageSize: 10 })).toEqual({ intact: true, checked: 0 })
  })

  it('should make verify report exactly the row a superuser changed behind the trigger', async () => {
    const entries = await appendMany(10)
    await superuserChange(`update audit_log set actor_id = 'forged' where sequence = 6`)

    expect(await verifyChain(log.pool, { pageSize: 4 })).toEqual({
      intact: false,
      checked: 6,
      firstBrokenId: entries[5]!.eventId,
      firstBrokenSequence: 6,
      reason: 'HASH_MISMATCH',
    })
  })

  it('should make verify report a payload or time changed by a superuser', async () => {
    const entries = await appendMany(4)
    await superuserChange(`update audit_log set payload = '{"amount":"1"}' where sequence = 3`)

    expect(await verifyChain(log.pool, { pageSize: 2 })).toMatchObject({ firstBrokenId: entries[2]!.eventId })

    await superuserChange(`update audit_log set payload = $1::json where sequence = 3`, [
      JSON.stringify(entries[2]!.payload),
    ])
    await superuserChange(
      `update audit_log set occurred_at = occurred_at + interval '1 second' where sequence = 2`,
    )

    expect(await verifyChain(log.pool, { pageSize: 2 })).toMatchObject({ firstBrokenId: entries[1]!.eventId })
  })

  it('should make verify report the row after one a superuser deleted', async () => {
    const entries = await appendMany(6)
    await superuserChange('delete from audit_log where sequence = 4')

    expect(await verifyChain(log.pool, { pageSize: 2 })).toEqual({
      intact: false,
      checked: 4,
      firstBrokenId: entries[4]!.eventId,
      firstBrokenSequence: 5,
      reason: 'SEQUENCE_GAP',
    })
  })
})
