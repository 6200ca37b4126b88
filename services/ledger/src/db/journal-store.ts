import type { PoolClient } from '@pay/db'

import type { Account } from '../domain/accounts.ts'
import type { EntryKind, PostingSide } from '../domain/journal.ts'

export interface PostingLine {
  account: Account
  side: PostingSide
  amount: bigint
}

export interface NewEntry {
  id: string
  kind: EntryKind
  requestId: string
  currency: string
  description: string
  sourceEventId: string
  lines: PostingLine[]
}

export interface PostedEntry extends NewEntry {
  seq: bigint
  postedAt: Date
}

/**
 * Inserts an entry and its postings, unless the request already has an entry of that kind: then
 * nothing is written and undefined comes back. The balance is checked by the database at commit.
 */
export async function insertEntry(client: PoolClient, entry: NewEntry): Promise<PostedEntry | undefined> {
  // One round trip: the postings are inserted only when the entry was.
  const { rows } = await client.query<{ seq: bigint; posted_at: Date }>(
    `with entry as (
       insert into journal_entries (id, request_id, kind, currency, description, source_event_id)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (request_id, kind) do nothing
       returning id, currency, seq, posted_at
     ), lines as (
       insert into postings (entry_id, currency, account_id, side, amount)
       select entry.id, entry.currency, line.account_id, line.side, line.amount
         from entry, unnest($7::uuid[], $8::text[], $9::bigint[]) with ordinality as line (account_id, side, amount, position)
        order by line.position
     )
     select seq, posted_at from entry`,
    [
      entry.id,
      entry.requestId,
      entry.kind,
      entry.currency,
      entry.description,
      entry.sourceEventId,
      entry.lines.map((line) => line.account.id),
      entry.lines.map((line) => line.side),
      entry.lines.map((line) => line.amount.toString()),
    ],
  )
  const inserted = rows[0]
  if (inserted === undefined) {
    return undefined
  }

  return { ...entry, seq: inserted.seq, postedAt: inserted.posted_at }
}

export async function hasEntry(client: PoolClient, requestId: string, kind: EntryKind): Promise<boolean> {
  const { rows } = await client.query('select 1 from journal_entries where request_id = $1 and kind = $2', [
    requestId,
    kind,
  ])

  return rows.length > 0
}

/**
 * Serialises the ledger's work on one payment request across transactions (and replicas): the
 * approval and the payment of a request may be handled at the same time by different consumers,
 * and each must see what the other committed.
 */
export async function lockRequest(client: PoolClient, requestId: string): Promise<void> {
  await client.query(`select pg_advisory_xact_lock(hashtextextended('ledger-request:' || $1, 0))`, [
    requestId,
  ])
}
