import { randomUUID } from 'node:crypto'

import type { PoolClient } from '@pay/db'
import { commonError } from '@pay/errors'
import { appendToOutbox } from '@pay/messaging'
import type { CommandResult } from '@pay/idempotency'
import type { Principal, Role } from '@pay/service-auth'

import { gatewayError } from '../errors.ts'
import { revokeFamiliesOfUser } from '../db/sessions.ts'
import { insertUser, lockUserById, updateUser } from '../db/users.ts'
import { hashPassword } from '../domain/password-hash.ts'
import { passwordProblems } from '../domain/password-policy.ts'
import {
  applyUserChange,
  changesAnything,
  changesOwnAccess,
  type User,
  type UserChange,
} from '../domain/user.ts'
import { userChanged, userCreated } from '../events/identity-events.ts'
import type { Gateway } from '../gateway.ts'
import { toUserView } from './user-view.ts'

export interface NewUser {
  username: string
  password: string
  role: Role
  displayName: string
}

/** Constraint names whose violation is the caller's doing, for `idempotent`. */
export const userConstraints = {
  users_username_key: () => gatewayError('USERNAME_TAKEN'),
}

/**
 * Checks the password policy and hashes the password: the slow part, done before the command's
 * transaction so that no row lock or connection is held while scrypt runs.
 */
export async function preparePassword(gateway: Gateway, input: { username: string; password: string }) {
  const problems = passwordProblems(input.password, input.username)
  if (problems.length > 0) {
    throw gatewayError('WEAK_PASSWORD', undefined, { fields: problems })
  }

  return hashPassword(input.password, gateway.hashing)
}

export function createUserCommand(
  gateway: Gateway,
  actor: Principal | null,
  input: Omit<NewUser, 'password'>,
  passwordHash: string,
  correlationId: string,
) {
  return async (client: PoolClient): Promise<CommandResult> => {
    const user = await createUser(client, gateway.now(), input, passwordHash, {
      actorId: actor?.userId ?? null,
      correlationId,
    })

    return { status: 201, body: toUserView(user) }
  }
}

export async function createUser(
  client: PoolClient,
  now: Date,
  input: Omit<NewUser, 'password'>,
  passwordHash: string,
  cause: { actorId: string | null; correlationId: string },
): Promise<User> {
  const user: User = {
    id: randomUUID(),
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    active: true,
    tokenVersion: 0,
    version: 1n,
    createdAt: now,
    updatedAt: now,
  }
  await insertUser(client, user, passwordHash)
  await appendToOutbox(client, [userCreated(user, { ...cause, now })])

  return user
}

/**
 * Changes a user's role, activity or display name. Deactivating ends every session of the user at
 * once: the token version moves on (access tokens stop verifying) and their refresh families are
 * revoked. A change that changes nothing answers the user as it is and publishes nothing.
 */
export function changeUserCommand(
  gateway: Gateway,
  actor: Principal,
  userId: string,
  change: UserChange,
  correlationId: string,
) {
  return async (client: PoolClient): Promise<CommandResult> => {
    const now = gateway.now()
    const user = await lockUserById(client, userId)
    if (user === undefined) {
      throw gatewayError('USER_NOT_FOUND')
    }

    if (changesOwnAccess(actor.userId, user, change)) {
      throw gatewayError('OWN_ACCESS_CHANGE')
    }

    if (!changesAnything(user, change)) {
      return { status: 200, body: toUserView(user) }
    }

    const { user: changed, revokesSessions } = applyUserChange(user, change, now)
    await updateUser(client, changed)
    if (revokesSessions) {
      await revokeFamiliesOfUser(client, user.id, 'DEACTIVATED', now)
    }
    await appendToOutbox(client, [userChanged(user, changed, { actorId: actor.userId, correlationId, now })])

    return { status: 200, body: toUserView(changed) }
  }
}

export function requireSomeChange(change: UserChange): void {
  if (change.role === undefined && change.active === undefined && change.displayName === undefined) {
    throw commonError('VALIDATION_FAILED', 'nothing to change', {
      fields: [{ path: 'body', message: 'give at least one of role, active, displayName' }],
    })
  }
}
