import { commonError } from '@pay/errors'
import { errors, jwtVerify, SignJWT } from 'jose'

/** HS256 only: verification refuses every other `alg`, `none` included. */
const ALGORITHM = 'HS256'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface AccessTokenSettings {
  secret: string
  issuer: string
  audience: string
  ttlSeconds: number
  now: () => Date
}

/** What an access token says about its holder. */
export interface AccessClaims {
  userId: string
  /** The refresh-token family (login session) the token belongs to: revoking it ends the token too. */
  sessionId: string
  tokenVersion: number
}

export interface AccessTokens {
  sign(claims: AccessClaims): Promise<string>
  /** Any problem with the token is a 401 that says no more than that. */
  verify(token: string | undefined): Promise<AccessClaims>
}

export function accessTokens(settings: AccessTokenSettings): AccessTokens {
  const key = new TextEncoder().encode(settings.secret)

  return {
    async sign(claims) {
      const issuedAt = Math.floor(settings.now().getTime() / 1000)

      return new SignJWT({ sid: claims.sessionId, ver: claims.tokenVersion })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(claims.userId)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + settings.ttlSeconds)
        .sign(key)
    },

    async verify(token) {
      if (token === undefined || token === '') {
        throw commonError('UNAUTHENTICATED')
      }

      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [ALGORITHM],
          issuer: settings.issuer,
          audience: settings.audience,
          requiredClaims: ['sub', 'iat', 'exp', 'sid', 'ver'],
          currentDate: settings.now(),
        })
        const { sub, sid, ver } = payload
        if (!isUuid(sub) || !isUuid(sid) || !Number.isSafeInteger(ver)) {
          throw invalidToken()
        }

        return { userId: sub, sessionId: sid, tokenVersion: ver as number }
      } catch (error) {
        if (error instanceof errors.JOSEError) {
          throw invalidToken(error)
        }
        throw error
      }
    },
  }
}

function invalidToken(cause?: unknown) {
  return commonError('UNAUTHENTICATED', 'the access token is not valid', { cause })
}

function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}
