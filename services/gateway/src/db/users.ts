import type { Pool, PoolClient } from '@pay/db'
import type { Role } from '@pay/service-auth'

import type { User } from '../domain/user.ts'

type Queryable = Pool | PoolClient

interface UserRow {
  id: string
  username: string
  display_name: string
  role: Role
  active: boolean
  token_version: number
  version: bigint
  created_at: Date
  updated_at: Date
}

const USER_COLUMNS =
  'id, username, display_name, role, active, token_version, version, created_at, updated_at'

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    active: row.active,
    tokenVersion: row.token_version,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export async function insertUser(client: Queryable, user: User, passwordHash: string): Promise<void> {
  await client.query(
    `insert into users (id, username, display_name, role, active, password_hash, token_version, version,
                        created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      user.id,
      user.username,
      user.displayName,
      user.role,
      user.active,
      passwordHash,
      user.tokenVersion,
      user.version,
      user.createdAt,
      user.updatedAt,
    ],
  )
}

export async function findUserById(client: Queryable, id: string): Promise<User | undefined> {
  const { rows } = await client.query<UserRow>(`select ${USER_COLUMNS} from users where id = $1`, [id])

  return rows[0] === undefined ? undefined : toUser(rows[0])
}

/** Locks the user's row for the rest of the transaction. */
export async function lockUserById(client: PoolClient, id: string): Promise<User | undefined> {
  const { rows } = await client.query<UserRow>(`select ${USER_COLUMNS} from users where id = $1 for update`, [
    id,
  ])

  return rows[0] === undefined ? undefined : toUser(rows[0])
}

export async function findCredentials(
  client: Queryable,
  username: string,
): Promise<{ user: User; passwordHash: string } | undefined> {
  const { rows } = await client.query<UserRow & { password_hash: string }>(
    `select ${USER_COLUMNS}, password_hash from users where username = $1`,
    [username],
  )
  const row = rows[0]

  return row === undefined ? undefined : { user: toUser(row), passwordHash: row.password_hash }
}

export async function updateUser(client: PoolClient, user: User): Promise<void> {
  await client.query(
    `update users
        set display_name = $2, role = $3, active = $4, token_version = $5, version = $6, updated_at = $7
      where id = $1`,
    [user.id, user.displayName, user.role, user.active, user.tokenVersion, user.version, user.updatedAt],
  )
}

/** Replaces a hash made with outdated parameters; a concurrent password change wins. */
export async function replacePasswordHash(
  client: Queryable,
  id: string,
  from: string,
  to: string,
): Promise<void> {
  await client.query('update users set password_hash = $3 where id = $1 and password_hash = $2', [
    id,
    from,
    to,
  ])
}

/** Users in username order, `limit + 1` of them so the caller can tell whether a next page exists. */
export async function listUsers(
  client: Queryable,
  limit: number,
  after: string | undefined,
): Promise<User[]> {
  const { rows } = await client.query<UserRow>(
    `select ${USER_COLUMNS} from users
      where $1::text is null or username > $1
      order by username
      limit $2`,
    [after ?? null, limit + 1],
  )

  return rows.map(toUser)
}

export async function anyAdminExists(client: Queryable): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>(
    `select exists (select 1 from users where role = 'ADMIN') as exists`,
  )

  return rows[0]?.exists ?? false
}

export interface SessionState {
  username: string
  role: Role
  active: boolean
  tokenVersion: number
  familyRevoked: boolean
}

/** What an access token's holder currently is: checked on every request, so revocation is immediate. */
export async function findSessionState(
  client: Queryable,
  userId: string,
  familyId: string,
): Promise<SessionState | undefined> {
  const { rows } = await client.query<{
    username: string
    role: Role
    active: boolean
    token_version: number
    family_revoked: boolean
  }>(
    `select u.username, u.role, u.active, u.token_version, f.revoked_at is not null as family_revoked
       from users u
       join refresh_token_families f on f.user_id = u.id
      where u.id = $1 and f.id = $2`,
    [userId, familyId],
  )
  const row = rows[0]
  if (row === undefined) {
    return undefined
  }

  return {
    username: row.username,
    role: row.role,
    active: row.active,
    tokenVersion: row.token_version,
    familyRevoked: row.family_revoked,
  }
}

/** Serialises the first-admin check of replicas starting together, until the transaction ends. */
export async function lockAdminBootstrap(client: PoolClient): Promise<void> {
  await client.query(`select pg_advisory_xact_lock(hashtextextended('gateway.first-admin', 0))`)
}
