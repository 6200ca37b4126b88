import { newEnvelope, type EventMessage } from '@pay/contracts'

import type { Account } from '../domain/accounts.ts'
import type { PostedEntry } from '../db/journal-store.ts'
import type { EventCause } from './event-cause.ts'

export function accountOpened(account: Account, cause: EventCause): EventMessage<'AccountOpened'> {
  return {
    envelope: newEnvelope({
      eventType: 'AccountOpened',
      aggregateType: 'Account',
      aggregateId: account.id,
      aggregateVersion: 1,
      ...cause,
    }),
    payload: {
      accountId: account.id,
      code: account.code,
      name: account.name,
      kind: account.kind,
      currency: account.currency,
      ownerType: account.ownerType,
      ownerId: account.ownerId,
    },
  }
}

/**
 * Keyed by the payment request (aggregate `RequestJournal`, version 1 for the accrual and 2 for
 * the settlement), so that downstream readers get a request's accrual before its settlement.
 */
export function journalEntryPosted(
  entry: PostedEntry,
  cause: EventCause,
): EventMessage<'JournalEntryPosted'> {
  return {
    envelope: newEnvelope({
      eventType: 'JournalEntryPosted',
      aggregateType: 'RequestJournal',
      aggregateId: entry.requestId,
      aggregateVersion: entry.kind === 'ACCRUAL' ? 1 : 2,
      ...cause,
    }),
    payload: {
      entryId: entry.id,
      kind: entry.kind,
      requestId: entry.requestId,
      currency: entry.currency,
      postedAt: entry.postedAt,
      postings: entry.lines.map((line) => ({
        accountId: line.account.id,
        accountCode: line.account.code,
        side: line.side,
        amount: line.amount,
      })),
    },
  }
}
