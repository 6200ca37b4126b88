import type { Pool } from '@pay/db'

import type { Account, AccountKind, AccountOwnerType } from '../domain/accounts.ts'
import type { EntryKind, PostingSide } from '../domain/journal.ts'
import type { AccountTotals } from '../domain/trial-balance.ts'
import { accountOf, type AccountRow } from './accounts-store.ts'

export interface AccountFilter {
  kind?: AccountKind
  ownerType?: AccountOwnerType
  ownerId?: string
}

export interface CurrencyBalance {
  currency: string
  debit: bigint
  credit: bigint
}

export interface EntryView {
  id: string
  seq: bigint
  kind: EntryKind
  requestId: string
  currency: string
  description: string
  postedAt: Date
  postings: { accountId: string; accountCode: string; side: PostingSide; amount: bigint }[]
}

/** Accounts in code order, one more than `limit` (see pageOf). */
export async function listAccounts(
  pool: Pool,
  filter: AccountFilter,
  page: { limit: number; afterCode: string | undefined },
): Promise<Account[]> {
  const { rows } = await pool.query<AccountRow>(
    `select * from accounts
      where ($1::text is null or kind = $1)
        and ($2::text is null or owner_type = $2)
        and ($3::uuid is null or owner_id = $3)
        and ($4::text is null or code > $4)
      order by code
      limit $5`,
    [
      filter.kind ?? null,
      filter.ownerType ?? null,
      filter.ownerId ?? null,
      page.afterCode ?? null,
      page.limit + 1,
    ],
  )

  return rows.map(accountOf)
}

/** Debit and credit totals of each account per currency it has postings in. */
export async function balancesOf(pool: Pool, accountIds: string[]): Promise<Map<string, CurrencyBalance[]>> {
  const { rows } = await pool.query<{ account_id: string; currency: string; debit: string; credit: string }>(
    `select account_id, currency,
            coalesce(sum(amount) filter (where side = 'DEBIT'), 0)::text as debit,
            coalesce(sum(amount) filter (where side = 'CREDIT'), 0)::text as credit
       from postings
      where account_id = any($1::uuid[])
      group by account_id, currency
      order by account_id, currency`,
    [accountIds],
  )

  const balances = new Map<string, CurrencyBalance[]>()
  for (const row of rows) {
    const list = balances.get(row.account_id) ?? []
    list.push({ currency: row.currency, debit: BigInt(row.debit), credit: BigInt(row.credit) })
    balances.set(row.account_id, list)
  }

  return balances
}

/** The entries touching an account, newest first, one more than `limit` (see pageOf). */
export async function entriesOfAccount(
  pool: Pool,
  accountId: string,
  page: { limit: number; beforeSeq: bigint | undefined },
): Promise<EntryView[]> {
  const { rows: entries } = await pool.query<{
    id: string
    seq: bigint
    kind: EntryKind
    request_id: string
    currency: string
    description: string
    posted_at: Date
  }>(
    `select e.id, e.seq, e.kind, e.request_id, e.currency, e.description, e.posted_at
       from journal_entries e
      where e.id in (select entry_id from postings where account_id = $1)
        and ($2::bigint is null or e.seq < $2)
      order by e.seq desc
      limit $3`,
    [accountId, page.beforeSeq ?? null, page.limit + 1],
  )
  if (entries.length === 0) {
    return []
  }

  const { rows: postings } = await pool.query<{
    entry_id: string
    account_id: string
    code: string
    side: PostingSide
    amount: bigint
  }>(
    `select p.entry_id, p.account_id, a.code, p.side, p.amount
       from postings p join accounts a on a.id = p.account_id
      where p.entry_id = any($1::uuid[])
      order by p.id`,
    [entries.map((entry) => entry.id)],
  )

  return entries.map((entry) => ({
    id: entry.id,
    seq: entry.seq,
    kind: entry.kind,
    requestId: entry.request_id,
    currency: entry.currency,
    description: entry.description,
    postedAt: entry.posted_at,
    postings: postings
      .filter((posting) => posting.entry_id === entry.id)
      .map((posting) => ({
        accountId: posting.account_id,
        accountCode: posting.code,
        side: posting.side,
        amount: posting.amount,
      })),
  }))
}

/** Totals of every account in every currency it has postings in: the trial balance's input. */
export async function accountTotals(pool: Pool): Promise<AccountTotals[]> {
  const { rows } = await pool.query<{
    id: string
    code: string
    name: string
    kind: AccountKind
    currency: string
    debit: string
    credit: string
  }>(
    `select a.id, a.code, a.name, a.kind, p.currency,
            coalesce(sum(p.amount) filter (where p.side = 'DEBIT'), 0)::text as debit,
            coalesce(sum(p.amount) filter (where p.side = 'CREDIT'), 0)::text as credit
       from postings p join accounts a on a.id = p.account_id
      group by a.id, p.currency`,
  )

  return rows.map((row) => ({
    accountId: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    currency: row.currency,
    debit: BigInt(row.debit),
    credit: BigInt(row.credit),
  }))
}
