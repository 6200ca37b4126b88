import { roles, type Role } from '@pay/service-auth'
import { z } from 'zod'

/**
 * Usernames are compared case-insensitively, so they are kept in lowercase: `Alice` and `alice`
 * are one user. Letters, digits, dot, dash and underscore; 3 to 64 characters.
 */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, {
    error: 'must be 3 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
  })

export const displayNameSchema = z.string().trim().min(1, { error: 'must not be empty' }).max(100)

export const roleSchema = z.enum(roles)

export interface User {
  id: string
  username: string
  displayName: string
  role: Role
  active: boolean
  /** Raised whenever every token issued so far must stop working (deactivation). */
  tokenVersion: number
  version: bigint
  createdAt: Date
  updatedAt: Date
}

export interface UserChange {
  role?: Role
  active?: boolean
  displayName?: string
}

/** What a change does to a user; `revokesSessions` when the user's tokens must stop working at once. */
export function applyUserChange(
  user: User,
  change: UserChange,
  now: Date,
): { user: User; revokesSessions: boolean } {
  const deactivating = user.active && change.active === false
  const next: User = {
    ...user,
    role: change.role ?? user.role,
    active: change.active ?? user.active,
    displayName: change.displayName ?? user.displayName,
    tokenVersion: deactivating ? user.tokenVersion + 1 : user.tokenVersion,
    version: user.version + 1n,
    updatedAt: now,
  }

  return { user: next, revokesSessions: deactivating }
}

/** True when a change would alter anything: an empty or same-value PATCH changes nothing and emits nothing. */
export function changesAnything(user: User, change: UserChange): boolean {
  return (
    (change.role !== undefined && change.role !== user.role) ||
    (change.active !== undefined && change.active !== user.active) ||
    (change.displayName !== undefined && change.displayName !== user.displayName)
  )
}

/** An administrator must not lock themselves out by demoting or deactivating their own account. */
export function changesOwnAccess(actorId: string, user: User, change: UserChange): boolean {
  if (actorId !== user.id) {
    return false
  }

  return (change.role !== undefined && change.role !== user.role) || change.active === false
}
