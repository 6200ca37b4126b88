import { randomUUID } from 'node:crypto'

import type { Pool, PoolClient } from '@pay/db'

import type { Account, AccountKind, AccountOwnerType, AccountSpec } from '../domain/accounts.ts'

type Queryable = Pool | PoolClient

export interface AccountRow {
  id: string
  code: string
  name: string
  kind: AccountKind
  owner_type: AccountOwnerType | null
  owner_id: string | null
  currency: string | null
  opened_at: Date
}

/**
 * Returns the account with the spec's code, opening it first when it does not exist yet.
 * `opened` tells the caller whether to announce it. Concurrent openers of one code both
 * succeed: the loser of the insert reads the winner's row.
 */
export async function openAccount(
  client: PoolClient,
  spec: AccountSpec,
): Promise<{ account: Account; opened: boolean }> {
  const { rows: inserted } = await client.query<AccountRow>(
    `insert into accounts (id, code, name, kind, owner_type, owner_id, currency)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (code) do nothing
     returning *`,
    [randomUUID(), spec.code, spec.name, spec.kind, spec.ownerType, spec.ownerId, spec.currency],
  )
  if (inserted[0] !== undefined) {
    return { account: accountOf(inserted[0]), opened: true }
  }

  const existing = await findAccountByCode(client, spec.code)
  if (existing === undefined) {
    throw new Error(`account ${spec.code} vanished while being opened`)
  }

  return { account: existing, opened: false }
}

/** Keeps an owned account's display name in step with its owner's (the code never changes). */
export async function renameAccount(client: PoolClient, code: string, name: string): Promise<void> {
  await client.query('update accounts set name = $2 where code = $1 and name <> $2', [code, name])
}

export async function findAccountByCode(db: Queryable, code: string): Promise<Account | undefined> {
  const { rows } = await db.query<AccountRow>('select * from accounts where code = $1', [code])

  return rows[0] === undefined ? undefined : accountOf(rows[0])
}

export async function findAccount(db: Queryable, id: string): Promise<Account | undefined> {
  const { rows } = await db.query<AccountRow>('select * from accounts where id = $1', [id])

  return rows[0] === undefined ? undefined : accountOf(rows[0])
}

export function accountOf(row: AccountRow): Account {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    currency: row.currency,
    openedAt: row.opened_at,
  }
}
