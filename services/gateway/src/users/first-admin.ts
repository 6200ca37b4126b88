import { randomBytes } from 'node:crypto'

import { hasSqlState, sqlState, withTransaction } from '@pay/db'

import { anyAdminExists, lockAdminBootstrap } from '../db/users.ts'
import { passwordProblems } from '../domain/password-policy.ts'
import { hashPassword } from '../domain/password-hash.ts'
import type { Gateway } from '../gateway.ts'
import { createUser } from './user-commands.ts'

/**
 * Creates the first administrator when no administrator exists yet (active or not), from
 * ADMIN_USERNAME and ADMIN_PASSWORD. Without ADMIN_PASSWORD a random password is generated and
 * written to the log once, at warn level: there is no default password anywhere. Once any
 * administrator exists this does nothing, so changing the variables later resets nobody.
 */
export async function ensureFirstAdmin(gateway: Gateway): Promise<void> {
  const { pool, logger } = gateway.service
  const username = gateway.config.ADMIN_USERNAME
  if (await anyAdminExists(pool)) {
    return
  }

  const given = gateway.config.ADMIN_PASSWORD
  if (given !== undefined) {
    const problems = passwordProblems(given, username)
    if (problems.length > 0) {
      throw new Error(
        `ADMIN_PASSWORD does not meet the password policy: it ${problems.map((p) => p.message).join(', ')}`,
      )
    }
  }

  const password = given ?? generatePassword(username)
  const passwordHash = await hashPassword(password, gateway.hashing)
  const created = await withTransaction(pool, async (client) => {
    await lockAdminBootstrap(client)
    if (await anyAdminExists(client)) {
      return false
    }

    const input = { username, displayName: 'Administrator', role: 'ADMIN' as const }
    await createUser(client, gateway.now(), input, passwordHash, { actorId: null, correlationId: 'startup' })
    return true
  }).catch((error: unknown) => {
    if (hasSqlState(error, sqlState.uniqueViolation)) {
      throw new Error(
        `ADMIN_USERNAME ${username} belongs to a user who is not an administrator; choose another`,
        {
          cause: error,
        },
      )
    }
    throw error
  })

  if (!created) {
    return
  }

  if (given === undefined) {
    logger.warn(
      { username },
      `FIRST ADMINISTRATOR CREATED: username "${username}", one-time password "${password}". ` +
        'It is shown only this once and cannot be recovered: store it now. ' +
        'Set ADMIN_PASSWORD before the first start to choose it yourself.',
    )
  } else {
    logger.info({ username }, 'first administrator created from ADMIN_USERNAME and ADMIN_PASSWORD')
  }
}

function generatePassword(username: string): string {
  for (;;) {
    const candidate = randomBytes(18).toString('base64url')
    if (passwordProblems(candidate, username).length === 0) {
      return candidate
    }
  }
}
