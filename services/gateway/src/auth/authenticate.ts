import { commonError } from '@pay/errors'
import type { Principal } from '@pay/service-auth'

import { findSessionState } from '../db/users.ts'
import type { Gateway } from '../gateway.ts'

/**
 * Verifies a user's access token and checks, on every request, that the user is still active, the
 * token's session was not ended (logout, reuse) and no deactivation happened since it was issued.
 * That costs one indexed query per request and makes revocation immediate on every replica, which
 * a cache would not. The role comes from the database too, so a role change applies at once.
 */
export async function authenticate(gateway: Gateway, authorization: string | undefined): Promise<Principal> {
  const token = authorization?.startsWith('Bearer ')
    ? authorization.slice('Bearer '.length).trim()
    : undefined
  const claims = await gateway.tokens.verify(token)
  const state = await findSessionState(gateway.service.pool, claims.userId, claims.sessionId)
  if (
    state === undefined ||
    !state.active ||
    state.familyRevoked ||
    state.tokenVersion !== claims.tokenVersion
  ) {
    throw commonError('UNAUTHENTICATED', 'the session has ended; log in again')
  }

  return { userId: claims.userId, username: state.username, role: state.role }
}
