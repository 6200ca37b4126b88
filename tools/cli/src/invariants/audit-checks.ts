import { resultOf, skipped, type CheckContext, type CheckResult, type Violation } from './types.ts'

const publishers = ['gateway', 'request', 'approval', 'ledger'] as const

/**
 * Events that state a fact about their entity once: a second one with another event id would be
 * a command that took effect twice.
 */
const onceEvents = [
  'BatchCreated',
  'BatchSubmitted',
  'BatchProcessingStarted',
  'BatchCompleted',
  'BatchCancelled',
  'RequestCreated',
  'RequestSubmitted',
  'RequestPaid',
  'RequestQueuedForApproval',
  'RequestApproved',
  'RequestRejected',
  'UserCreated',
]

/**
 * One audit row per event the services published (of the events their outboxes still hold), no
 * event id twice anywhere, and no fact recorded twice under different event ids.
 */
export async function checkAuditCoverage(context: CheckContext): Promise<CheckResult> {
  const name = 'audit-one-row-per-event'
  const present = publishers.filter((service) => context.services.has(service))
  if (!context.services.has('audit') || present.length === 0) {
    return skipped(name, 'no audit schema or no publishing service schema')
  }

  const audit = `${context.schema('audit')}.audit_log`
  const outboxes = present
    .map(
      (service) =>
        `select event_id, event_type, '${service}' as service, published_at from ${context.schema(service)}.outbox`,
    )
    .join(' union all ')
  const violations: Violation[] = []

  const { rows: coverage } = await context.pool.query<{
    event_id: string
    event_type: string
    service: string
    audit_rows: number
  }>(
    `select o.event_id, o.event_type, o.service, count(a.sequence)::int as audit_rows
       from (${outboxes}) o
       left join ${audit} a on a.event_id = o.event_id
      where o.published_at < now() - make_interval(secs => $1)
      group by o.event_id, o.event_type, o.service
     having count(a.sequence) <> 1`,
    [context.settleSeconds],
  )
  for (const row of coverage) {
    violations.push({
      message: `${row.event_type} published by ${row.service} has ${row.audit_rows} audit rows`,
      ids: { eventId: row.event_id },
    })
  }

  const { rows: repeatedIds } = await context.pool.query<{ event_id: string; copies: number }>(
    `select event_id, count(*)::int as copies from (
       select event_id from (${outboxes}) o
       union all select event_id from ${audit}
     ) ids group by event_id having count(*) > 2`,
  )
  // Each id appears once in an outbox and once in the audit log; more is a duplicate somewhere.
  for (const row of repeatedIds) {
    violations.push({ message: `event id seen ${row.copies} times`, ids: { eventId: row.event_id } })
  }
  const { rows: repeatedFacts } = await context.pool.query<{
    event_type: string
    entity_id: string
    event_ids: string[]
  }>(
    `select event_type, entity_id, array_agg(event_id::text order by sequence) as event_ids
       from ${audit} where event_type = any($1::text[])
      group by event_type, entity_id having count(*) > 1`,
    [onceEvents],
  )
  for (const row of repeatedFacts) {
    violations.push({
      message: `${row.event_type} recorded ${row.event_ids.length} times for one entity`,
      ids: { entityId: row.entity_id, eventIds: row.event_ids.join(',') },
    })
  }

  return resultOf(name, violations)
}

/**
 * The hash chain is unbroken: numbered 1, 2, 3… and each row names its predecessor's hash
 * (checked here in SQL); the hashes themselves are recomputed by the audit service's own verify,
 * called through the gateway when admin credentials are at hand.
 */
export async function checkAuditChain(context: CheckContext): Promise<CheckResult> {
  const name = 'audit-chain'
  if (!context.services.has('audit')) {
    return skipped(name, 'no audit schema')
  }

  const { rows } = await context.pool.query<{ sequence: bigint; event_id: string; reason: string }>(
    `select sequence, event_id,
            case when previous_sequence is null and sequence <> 1 then 'SEQUENCE_GAP'
                 when previous_sequence is not null and sequence <> previous_sequence + 1 then 'SEQUENCE_GAP'
                 else 'PREVIOUS_HASH_MISMATCH' end as reason
       from (select sequence, event_id, prev_hash,
                    lag(sequence) over (order by sequence) as previous_sequence,
                    coalesce(lag(hash) over (order by sequence), repeat('0', 64)) as previous_hash
               from ${context.schema('audit')}.audit_log) chain
      where (previous_sequence is null and sequence <> 1)
         or (previous_sequence is not null and sequence <> previous_sequence + 1)
         or prev_hash <> previous_hash
      order by sequence limit 100`,
  )
  const violations: Violation[] = rows.map((row) => ({
    message: `chain broken: ${row.reason}`,
    ids: { sequence: String(row.sequence), eventId: row.event_id },
  }))
  const warnings: Violation[] = []

  if (context.api === undefined) {
    warnings.push({ message: `hashes not verified by the audit service: ${context.apiMissing}`, ids: {} })
  } else {
    const verdict = await context.api.expect<{
      intact: boolean
      checked: number
      firstBrokenId?: string
      firstBrokenSequence?: number
      reason?: string
    }>(200, 'GET', 'audit/verify')
    if (!verdict.intact) {
      violations.push({
        message: `the audit service finds the chain broken: ${verdict.reason}`,
        ids: {
          sequence: String(verdict.firstBrokenSequence ?? ''),
          eventId: verdict.firstBrokenId ?? '',
        },
      })
    }
  }

  return resultOf(name, violations, warnings)
}
