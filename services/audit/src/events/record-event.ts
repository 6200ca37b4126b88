import type { EventMessage } from '@pay/contracts'
import type { HandlerContext } from '@pay/messaging'

import { appendEntry } from '../db/append-entry.ts'
import { auditRecordOf } from '../domain/record-of-event.ts'

/**
 * Writes the audit row of any event, in the transaction the consumer runner opened for it (the
 * one that also records the event id as processed).
 */
export function recordEvent(now: () => Date = () => new Date()) {
  return async (event: EventMessage, context: HandlerContext): Promise<void> => {
    const { client, logger, topic, partition, offset, traceparent } = context
    const record = auditRecordOf(event, { topic, partition, offset, traceparent }, now())
    const entry = await appendEntry(client, record)
    if (entry === undefined) {
      logger.info('event already audited; skipped')
      return
    }

    logger.debug({ sequence: entry.sequence.toString() }, 'event audited')
  }
}
