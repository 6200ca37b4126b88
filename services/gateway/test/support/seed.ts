import { randomUUID } from 'node:crypto'

import { withTransaction } from '@pay/db'
import type { Role } from '@pay/service-auth'

import { hashPassword, scryptParameters } from '../../src/domain/password-hash.ts'
import { createUser } from '../../src/users/user-commands.ts'
import { login, type Tokens } from './api.ts'
import type { GatewayHarness } from './gateway-harness.ts'

/**
 * Puts a user straight into the gateway's schema (as the admin API would) and logs them in, for
 * tests about something else than user management.
 */
export async function seedUser(
  harness: GatewayHarness,
  user: { username: string; role: Role; password?: string },
): Promise<{ id: string; tokens: Tokens; password: string }> {
  const password = user.password ?? `Quiet-River-${randomUUID().slice(0, 8)}`
  const passwordHash = await hashPassword(
    password,
    scryptParameters(harness.service.context.config.PASSWORD_SCRYPT_LOG_N),
  )
  const created = await withTransaction(harness.service.context.pool, (client) =>
    createUser(
      client,
      harness.clock.now(),
      { username: user.username, role: user.role, displayName: user.username },
      passwordHash,
      { actorId: null, correlationId: 'test-seed' },
    ),
  )

  return { id: created.id, tokens: await login(harness, user.username, password), password }
}
