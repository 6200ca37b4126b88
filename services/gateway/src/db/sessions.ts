import type { Pool, PoolClient } from '@pay/db'

export type RevocationReason = 'LOGOUT' | 'REUSE' | 'DEACTIVATED'

export interface StoredRefreshToken {
  familyId: string
  userId: string
  expiresAt: Date
  used: boolean
  familyRevoked: boolean
}

export async function insertFamily(client: PoolClient, family: { id: string; userId: string; now: Date }) {
  await client.query('insert into refresh_token_families (id, user_id, created_at) values ($1, $2, $3)', [
    family.id,
    family.userId,
    family.now,
  ])
}

export async function insertRefreshToken(
  client: PoolClient,
  token: { hash: Buffer; familyId: string; issuedAt: Date; expiresAt: Date },
): Promise<void> {
  await client.query(
    'insert into refresh_tokens (token_hash, family_id, issued_at, expires_at) values ($1, $2, $3, $4)',
    [token.hash, token.familyId, token.issuedAt, token.expiresAt],
  )
}

/**
 * Locks the token's family (then the token) for the rest of the transaction, so two refreshes
 * with the same token are serialised: the second sees it used and treats it as reuse.
 */
export async function lockRefreshToken(
  client: PoolClient,
  hash: Buffer,
): Promise<StoredRefreshToken | undefined> {
  const { rows } = await client.query<{
    family_id: string
    user_id: string
    expires_at: Date
    used: boolean
    family_revoked: boolean
  }>(
    `select t.family_id, f.user_id, t.expires_at, t.used_at is not null as used,
            f.revoked_at is not null as family_revoked
       from refresh_tokens t
       join refresh_token_families f on f.id = t.family_id
      where t.token_hash = $1
        for update of f, t`,
    [hash],
  )
  const row = rows[0]
  if (row === undefined) {
    return undefined
  }

  return {
    familyId: row.family_id,
    userId: row.user_id,
    expiresAt: row.expires_at,
    used: row.used,
    familyRevoked: row.family_revoked,
  }
}

export async function markRefreshTokenUsed(client: PoolClient, hash: Buffer, now: Date): Promise<void> {
  await client.query('update refresh_tokens set used_at = $2 where token_hash = $1', [hash, now])
}

/** Revokes one family; returns false when it was already revoked. */
export async function revokeFamily(
  client: PoolClient,
  familyId: string,
  reason: RevocationReason,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await client.query(
    `update refresh_token_families set revoked_at = $2, revoked_reason = $3
      where id = $1 and revoked_at is null`,
    [familyId, now, reason],
  )

  return (rowCount ?? 0) > 0
}

export async function revokeFamiliesOfUser(
  client: PoolClient,
  userId: string,
  reason: RevocationReason,
  now: Date,
): Promise<number> {
  const { rowCount } = await client.query(
    `update refresh_token_families set revoked_at = $2, revoked_reason = $3
      where user_id = $1 and revoked_at is null`,
    [userId, now, reason],
  )

  return rowCount ?? 0
}

/**
 * Deletes families none of whose tokens is still valid. A token kept past its expiry would only
 * let reuse be detected for longer; once expired it is refused anyway.
 */
export async function purgeExpiredFamilies(pool: Pool, now: Date, limit = 1_000): Promise<number> {
  const { rowCount } = await pool.query(
    `delete from refresh_token_families f
      where f.id in (
        select f2.id from refresh_token_families f2
         where not exists (select 1 from refresh_tokens t where t.family_id = f2.id and t.expires_at > $1)
         limit $2)`,
    [now, limit],
  )

  return rowCount ?? 0
}
