import type pg from 'pg'

import { serviceNames } from '@pay/system'

import type { ChaosSystem } from './chaos-system.ts'
import type { KafkaViews } from './kafka-views.ts'

export interface Backlog {
  /** Unpublished outbox rows per service. */
  outbox: Record<string, number>
  lagging: string[]
  /** Batches not COMPLETED, with their requests' states. */
  unfinished: string[]
  /** Events published but not (yet) in the audit trail. */
  unaudited: number
}

export function isDrained(backlog: Backlog): boolean {
  return (
    Object.values(backlog.outbox).every((rows) => rows === 0) &&
    backlog.lagging.length === 0 &&
    backlog.unfinished.length === 0 &&
    backlog.unaudited === 0
  )
}

/** What the system still has to do: when all of it is zero, nothing more will change. */
export async function backlogOf(db: pg.Pool, chaos: ChaosSystem, kafka: KafkaViews): Promise<Backlog> {
  const outbox: Record<string, number> = {}
  for (const service of serviceNames) {
    const { rows } = await db.query<{ rows: string }>(
      `select count(*) as rows from "${chaos.schemaOf(service)}".outbox where published_at is null`,
    )
    outbox[service] = Number(rows[0]?.rows ?? 0)
  }

  const lagging = (await kafka.lagging()).map(
    ({ group, topic, partition, lag }) => `${group} ${topic}[${partition}] lag ${lag}`,
  )

  const request = chaos.schemaOf('request')
  const { rows: unfinished } = await db.query<{ id: string; status: string; requests: string }>(
    `select b.id, b.status, string_agg(r.id || ' ' || r.status, ', ' order by r.id) as requests
       from "${request}".batches b left join "${request}".payment_requests r on r.batch_id = b.id
      where b.status <> 'COMPLETED'
      group by b.id, b.status`,
  )

  const { rows: audit } = await db.query<{ missing: string }>(
    `select count(*) as missing from (${publishedEvents(chaos)}) e
      where not exists (select 1 from "${chaos.schemaOf('audit')}".audit_log a where a.event_id = e.event_id)`,
  )

  return {
    outbox,
    lagging,
    unfinished: unfinished.map(
      (batch) => `batch ${batch.id} ${batch.status}: ${batch.requests ?? 'no requests'}`,
    ),
    unaudited: Number(audit[0]?.missing ?? 0),
  }
}

/** Every event the services wrote to their outboxes (published rows stay for a day), with its origin. */
export function publishedEvents(chaos: ChaosSystem): string {
  return serviceNames
    .map(
      (service) =>
        `select '${service}' as service, event_id, event_type, message_key from "${chaos.schemaOf(service)}".outbox`,
    )
    .join(' union all ')
}
