import { randomUUID } from 'node:crypto'

import { withTransaction } from '@pay/db'
import { appendToOutbox } from '@pay/messaging'

import { gatewayError } from '../errors.ts'
import { clearBucket, countAttempt, giveBackAttempt } from '../db/login-throttle.ts'
import {
  insertFamily,
  insertRefreshToken,
  lockRefreshToken,
  markRefreshTokenUsed,
  revokeFamily,
} from '../db/sessions.ts'
import { findCredentials, findUserById, replacePasswordHash } from '../db/users.ts'
import { accountBucket, addressBucket, throttleVerdict } from '../domain/login-throttle.ts'
import { hashPassword, needsRehash, verifyPassword } from '../domain/password-hash.ts'
import { looksLikeRefreshToken, newRefreshToken, refreshTokenHash } from '../domain/refresh-token.ts'
import { securityEventRecorded, type SecurityFacts } from '../events/identity-events.ts'
import { publishAlone } from '../events/publish.ts'
import type { Gateway } from '../gateway.ts'
import type { ClientInfo } from './client-info.ts'

export interface TokenPair {
  accessToken: string
  refreshToken: string
  /** Seconds until the access token expires. */
  expiresIn: number
}

/** A refused login that the client may retry after `retryAfterSeconds`. */
export class LoginRateLimited extends Error {
  readonly retryAfterSeconds: number

  constructor(retryAfterSeconds: number) {
    super('login rate limited')
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/**
 * Checks a username and password and starts a session. The attempt is counted per account and per
 * address before the password is checked; over either limit it is refused without a check. Every
 * failure answers the same, whether the user is unknown, deactivated or the password wrong.
 */
export async function login(
  gateway: Gateway,
  credentials: { username: string; password: string },
  client: ClientInfo,
): Promise<TokenPair> {
  const { pool, logger } = gateway.service
  const now = gateway.now()
  const username = credentials.username.trim().toLowerCase()
  const buckets = [accountBucket(username), addressBucket(client.ip)]

  const limit = await countLoginAttempt(gateway, buckets, now)
  if (limit !== undefined) {
    if (limit.justLimited) {
      await publishSecurityEvent(
        gateway,
        { kind: 'LOGIN_RATE_LIMITED', username, detail: limit.detail },
        client,
      )
    }
    logger.info({ requestId: client.requestId, ip: client.ip }, 'login rate limited')
    throw new LoginRateLimited(limit.retryAfterSeconds)
  }

  const found = await findCredentials(pool, username)
  const passwordMatches = await verifyPassword(
    credentials.password,
    found?.passwordHash ?? (await decoyHash(gateway)),
  )
  if (found === undefined || !passwordMatches || !found.user.active) {
    const detail =
      found === undefined ? 'unknown username' : !passwordMatches ? 'wrong password' : 'user deactivated'
    const facts = { kind: 'LOGIN_FAILED', userId: found?.user.id, username, detail } as const
    await publishSecurityEvent(gateway, facts, client)
    throw gatewayError('INVALID_CREDENTIALS')
  }

  const { user, passwordHash } = found
  await clearBucket(pool, buckets[0]!)
  await giveBackAttempt(pool, buckets[1]!)
  const refreshToken = newRefreshToken()
  const sessionId = randomUUID()
  await withTransaction(pool, async (db) => {
    await insertFamily(db, { id: sessionId, userId: user.id, now })
    await insertRefreshToken(db, refreshTokenRow(gateway, refreshToken, sessionId, now))
    await appendToOutbox(db, [
      securityEventRecorded(
        { kind: 'LOGIN_SUCCEEDED', userId: user.id, ...clientFacts(client) },
        origin(client, user.id, now),
      ),
    ])
  })

  if (needsRehash(passwordHash, gateway.hashing)) {
    const upgraded = await hashPassword(credentials.password, gateway.hashing)
    await replacePasswordHash(pool, user.id, passwordHash, upgraded)
  }

  return tokenPair(gateway, { userId: user.id, sessionId, tokenVersion: user.tokenVersion }, refreshToken)
}

type RefreshOutcome =
  | { kind: 'rotated'; userId: string; sessionId: string; tokenVersion: number }
  | { kind: 'refused'; reason: string }
  | { kind: 'reused'; userId: string; sessionId: string }

/**
 * Exchanges a refresh token for a new pair. The old token is spent; presenting a spent token again
 * means someone else holds a copy, so the whole family (every token of that login) is revoked.
 */
export async function refresh(
  gateway: Gateway,
  refreshToken: string,
  client: ClientInfo,
): Promise<TokenPair> {
  const { pool, logger } = gateway.service
  const now = gateway.now()
  if (!looksLikeRefreshToken(refreshToken)) {
    throw gatewayError('INVALID_REFRESH_TOKEN')
  }

  const hash = refreshTokenHash(refreshToken)
  const successor = newRefreshToken()
  const outcome = await withTransaction(pool, async (db): Promise<RefreshOutcome> => {
    const stored = await lockRefreshToken(db, hash)
    if (stored === undefined) {
      return { kind: 'refused', reason: 'unknown token' }
    }

    if (stored.familyRevoked) {
      return { kind: 'refused', reason: 'session revoked' }
    }

    if (stored.used) {
      await revokeFamily(db, stored.familyId, 'REUSE', now)
      const facts = {
        kind: 'REFRESH_TOKEN_REUSED',
        userId: stored.userId,
        detail: 'session revoked',
      } as const
      await appendToOutbox(db, [
        securityEventRecorded({ ...facts, ...clientFacts(client) }, origin(client, null, now)),
      ])
      return { kind: 'reused', userId: stored.userId, sessionId: stored.familyId }
    }

    if (stored.expiresAt.getTime() <= now.getTime()) {
      return { kind: 'refused', reason: 'token expired' }
    }

    const user = await findUserById(db, stored.userId)
    if (user === undefined || !user.active) {
      return { kind: 'refused', reason: 'user deactivated' }
    }

    await markRefreshTokenUsed(db, hash, now)
    await insertRefreshToken(db, refreshTokenRow(gateway, successor, stored.familyId, now))
    return { kind: 'rotated', userId: user.id, sessionId: stored.familyId, tokenVersion: user.tokenVersion }
  })

  if (outcome.kind === 'reused') {
    logger.warn(
      { requestId: client.requestId, userId: outcome.userId, sessionId: outcome.sessionId, ip: client.ip },
      'spent refresh token presented again; session revoked',
    )
    throw gatewayError('INVALID_REFRESH_TOKEN')
  }

  if (outcome.kind === 'refused') {
    logger.info({ requestId: client.requestId, reason: outcome.reason }, 'refresh refused')
    throw gatewayError('INVALID_REFRESH_TOKEN')
  }

  return tokenPair(gateway, outcome, successor)
}

/** Ends the session the refresh token belongs to; an unknown or already ended session is no error. */
export async function logout(gateway: Gateway, refreshToken: string, client: ClientInfo): Promise<void> {
  const now = gateway.now()
  if (!looksLikeRefreshToken(refreshToken)) {
    return
  }

  await withTransaction(gateway.service.pool, async (db) => {
    const stored = await lockRefreshToken(db, refreshTokenHash(refreshToken))
    if (stored === undefined) {
      return
    }

    if (await revokeFamily(db, stored.familyId, 'LOGOUT', now)) {
      const facts = { kind: 'LOGGED_OUT', userId: stored.userId, ...clientFacts(client) } as const
      await appendToOutbox(db, [securityEventRecorded(facts, origin(client, stored.userId, now))])
    }
  })
}

export async function publishSecurityEvent(
  gateway: Gateway,
  facts: SecurityFacts,
  client: ClientInfo,
): Promise<void> {
  const event = securityEventRecorded(
    { ...clientFacts(client), ...facts },
    origin(client, facts.userId ?? null, gateway.now()),
  )
  await publishAlone(gateway.service.pool, [event])
}

async function countLoginAttempt(gateway: Gateway, buckets: string[], now: Date) {
  const { config, service } = gateway
  const windowMs = config.LOGIN_WINDOW_SECONDS * 1000
  const windowStartAfter = new Date(now.getTime() - windowMs)
  const limits = [config.LOGIN_MAX_FAILURES_PER_ACCOUNT, config.LOGIN_MAX_FAILURES_PER_ADDRESS]
  const details = ['too many failures for this account', 'too many failures from this address']

  for (const [index, bucket] of buckets.entries()) {
    const count = await countAttempt(service.pool, bucket, now, windowStartAfter)
    const verdict = throttleVerdict(count, { windowMs, maxFailures: limits[index]! }, now)
    if (verdict.limited) {
      return { ...verdict, detail: details[index]! }
    }
  }

  return undefined
}

async function tokenPair(
  gateway: Gateway,
  claims: { userId: string; sessionId: string; tokenVersion: number },
  refreshToken: string,
): Promise<TokenPair> {
  return {
    accessToken: await gateway.tokens.sign(claims),
    refreshToken,
    expiresIn: gateway.config.ACCESS_TOKEN_TTL_SECONDS,
  }
}

function refreshTokenRow(gateway: Gateway, token: string, familyId: string, now: Date) {
  const expiresAt = new Date(now.getTime() + gateway.config.REFRESH_TOKEN_TTL_SECONDS * 1000)
  return { hash: refreshTokenHash(token), familyId, issuedAt: now, expiresAt }
}

function clientFacts(client: ClientInfo) {
  return { ip: client.ip, userAgent: client.userAgent }
}

function origin(client: ClientInfo, actorId: string | null, now: Date) {
  return { actorId, correlationId: client.requestId, now }
}

const decoys = new WeakMap<Gateway, Promise<string>>()

/**
 * A hash to check unknown usernames against, so that a login for a user who does not exist takes
 * as long as one with a wrong password and the answer time does not reveal which usernames exist.
 */
function decoyHash(gateway: Gateway): Promise<string> {
  let decoy = decoys.get(gateway)
  if (decoy === undefined) {
    decoy = hashPassword(randomUUID(), gateway.hashing)
    decoys.set(gateway, decoy)
  }

  return decoy
}
