import { encodeEvent, topicOf, type EventMessage } from '@pay/contracts'
import type { PoolClient } from '@pay/db'
import { currentTraceparent } from '@pay/telemetry'

/** Channel the relay of a schema listens on; NOTIFY is delivered only when the transaction commits. */
export function outboxChannel(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new TypeError(`invalid schema name ${schema}`)
  }

  return `outbox_${schema}`
}

/**
 * Appends events to the outbox inside the caller's transaction. Encoding happens here, so an
 * event that does not fit its schema fails the whole command instead of the relay later.
 */
export async function appendToOutbox(client: PoolClient, events: EventMessage[]): Promise<void> {
  if (events.length === 0) {
    return
  }

  const traceparent = currentTraceparent()
  const headers = traceparent === undefined ? {} : { traceparent }
  const columns = 6
  const values: unknown[] = []
  const rows: string[] = []

  for (const [index, event] of events.entries()) {
    const base = index * columns
    rows.push(`($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6})`)
    values.push(
      event.envelope.eventId,
      event.envelope.eventType,
      topicOf(event.envelope.eventType),
      event.envelope.aggregateId,
      encodeEvent(event),
      headers,
    )
  }

  await client.query(
    `insert into outbox (event_id, event_type, topic, message_key, payload, headers) values ${rows.join(', ')}`,
    values,
  )
  await client.query(`select pg_notify('outbox_' || current_schema(), '')`)
}
