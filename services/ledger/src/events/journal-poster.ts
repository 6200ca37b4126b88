import { randomUUID } from 'node:crypto'

import type { PoolClient } from '@pay/db'
import { appendToOutbox } from '@pay/messaging'

import type { AccountCache } from '../db/account-cache.ts'
import { openAccount } from '../db/accounts-store.ts'
import { insertEntry, type PostedEntry, type PostingLine } from '../db/journal-store.ts'
import type { Account, AccountSpec } from '../domain/accounts.ts'
import type { EntryDraft } from '../domain/journal.ts'
import type { EventCause } from './event-cause.ts'
import { accountOpened, journalEntryPosted } from './journal-events.ts'

/** Finds or opens the account; a newly opened one is announced in the same transaction. */
export async function ensureAccount(
  client: PoolClient,
  spec: AccountSpec,
  cause: EventCause,
  cache?: AccountCache,
): Promise<Account> {
  const cached = cache?.get(spec.code)
  if (cached !== undefined) {
    return cached
  }

  const { account, opened } = await openAccount(client, spec)
  if (opened) {
    await appendToOutbox(client, [accountOpened(account, cause)])
  } else {
    cache?.rememberCommitted(account)
  }

  return account
}

/**
 * Posts an entry and announces it, opening the accounts it needs on the way. When the request
 * already has an entry of this kind nothing is posted and undefined comes back.
 */
export async function postEntry(
  client: PoolClient,
  draft: EntryDraft,
  sourceEventId: string,
  cause: EventCause,
  cache?: AccountCache,
): Promise<PostedEntry | undefined> {
  const lines: PostingLine[] = []
  for (const line of draft.lines) {
    const account = await ensureAccount(client, line.account, cause, cache)
    lines.push({ account, side: line.side, amount: line.amount })
  }

  const posted = await insertEntry(client, {
    id: randomUUID(),
    kind: draft.kind,
    requestId: draft.requestId,
    currency: draft.currency,
    description: draft.description,
    sourceEventId,
    lines,
  })
  if (posted !== undefined) {
    await appendToOutbox(client, [journalEntryPosted(posted, cause)])
  }

  return posted
}
