import { newEnvelope, type EventMessage, type SecurityEventKind } from '@pay/contracts'

import type { User } from '../domain/user.ts'

/** Who caused an event and within which HTTP request. */
export interface EventOrigin {
  actorId: string | null
  correlationId: string
  now: Date
}

const USER_AGGREGATE = 'User'
const MAX_TEXT = 200

export function userCreated(user: User, origin: EventOrigin): EventMessage<'UserCreated'> {
  return {
    envelope: envelope('UserCreated', USER_AGGREGATE, user.id, user.version, origin),
    payload: {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      active: user.active,
    },
  }
}

export function userChanged(before: User, after: User, origin: EventOrigin): EventMessage<'UserChanged'> {
  return {
    envelope: envelope('UserChanged', USER_AGGREGATE, after.id, after.version, origin),
    payload: {
      userId: after.id,
      username: after.username,
      previous: { displayName: before.displayName, role: before.role, active: before.active },
      current: { displayName: after.displayName, role: after.role, active: after.active },
    },
  }
}

export interface SecurityFacts {
  kind: SecurityEventKind
  userId?: string | null
  username?: string | null
  ip?: string | null
  userAgent?: string | null
  /** Never a password or a token. */
  detail?: string | null
}

/**
 * A security event is keyed by the user when one is known, else by the username tried, so the
 * events about one account stay in order on one partition. Security events have no version.
 */
export function securityEventRecorded(
  facts: SecurityFacts,
  origin: EventOrigin,
): EventMessage<'SecurityEventRecorded'> {
  const userId = facts.userId ?? null
  const [aggregateType, aggregateId] =
    userId !== null ? [USER_AGGREGATE, userId] : ['LoginName', clip(facts.username) ?? facts.ip ?? 'unknown']

  return {
    envelope: envelope('SecurityEventRecorded', aggregateType, aggregateId, 0n, origin),
    payload: {
      kind: facts.kind,
      userId,
      username: clip(facts.username),
      ip: clip(facts.ip),
      userAgent: clip(facts.userAgent),
      detail: clip(facts.detail),
    },
  }
}

function envelope<T extends 'UserCreated' | 'UserChanged' | 'SecurityEventRecorded'>(
  eventType: T,
  aggregateType: string,
  aggregateId: string,
  version: bigint,
  origin: EventOrigin,
) {
  return newEnvelope(
    {
      eventType,
      aggregateType,
      aggregateId,
      aggregateVersion: version,
      actorId: origin.actorId,
      correlationId: origin.correlationId,
    },
    { now: () => origin.now },
  )
}

function clip(text: string | null | undefined): string | null {
  return text === undefined || text === null ? null : text.slice(0, MAX_TEXT)
}
