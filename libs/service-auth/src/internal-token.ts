import { commonError } from '@pay/errors'
import { errors, jwtVerify, SignJWT } from 'jose'

import { isRole, type Principal } from './principal.ts'

export const INTERNAL_ISSUER = 'payments-gateway'
const ALGORITHM = 'HS256'
const MIN_SECRET_BYTES = 32

export interface InternalTokenOptions {
  secret: string
  /** Defaults to 60 s: the token only has to survive one hop. */
  ttlSeconds?: number
  now?: () => Date
}

function keyOf(secret: string): Uint8Array {
  const key = new TextEncoder().encode(secret)
  if (key.byteLength < MIN_SECRET_BYTES) {
    throw new TypeError(`the internal token secret must be at least ${MIN_SECRET_BYTES} bytes`)
  }

  return key
}

/** Signs the short-lived token the gateway sends to one service (`audience`) on a user's behalf. */
export async function signInternalToken(
  principal: Principal,
  audience: string,
  options: InternalTokenOptions,
): Promise<string> {
  const issuedAt = Math.floor((options.now?.() ?? new Date()).getTime() / 1000)

  return new SignJWT({ username: principal.username, role: principal.role })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(principal.userId)
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.ttlSeconds ?? 60))
    .sign(keyOf(options.secret))
}

export type InternalTokenVerifier = (token: string | undefined) => Promise<Principal>

/**
 * Builds the verifier a service uses on every request: HS256 only, issuer and audience checked,
 * expiry enforced. Any failure is a 401 that says no more than that.
 */
export function createInternalTokenVerifier(options: {
  secret: string
  audience: string
  now?: () => Date
}): InternalTokenVerifier {
  const key = keyOf(options.secret)

  return async (token) => {
    if (token === undefined || token.length === 0) {
      throw commonError('UNAUTHENTICATED')
    }

    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: [ALGORITHM],
        issuer: INTERNAL_ISSUER,
        audience: options.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
        currentDate: options.now?.(),
      })
      if (typeof payload.sub !== 'string' || typeof payload.username !== 'string' || !isRole(payload.role)) {
        throw commonError('UNAUTHENTICATED', 'the internal token is not valid')
      }

      return { userId: payload.sub, username: payload.username, role: payload.role }
    } catch (error) {
      if (error instanceof errors.JOSEError) {
        throw commonError('UNAUTHENTICATED', 'the internal token is not valid', { cause: error })
      }
      throw error
    }
  }
}
