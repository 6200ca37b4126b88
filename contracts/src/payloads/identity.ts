import type { Role } from './common.ts'

export interface UserCreatedPayload {
  userId: string
  username: string
  displayName: string
  role: Role
  active: boolean
}

export interface UserState {
  displayName: string
  role: Role
  active: boolean
}

export interface UserChangedPayload {
  userId: string
  username: string
  previous: UserState
  current: UserState
}

export type SecurityEventKind =
  | 'LOGIN_SUCCEEDED'
  | 'LOGIN_FAILED'
  | 'LOGIN_RATE_LIMITED'
  | 'LOGGED_OUT'
  | 'REFRESH_TOKEN_REUSED'
  | 'ACCESS_DENIED'
  | 'TOKEN_REJECTED'
  | 'UNKNOWN'

export interface SecurityEventRecordedPayload {
  kind: SecurityEventKind
  /** The user concerned, when known. */
  userId: string | null
  /** The username given, when no user is known for it. */
  username: string | null
  ip: string | null
  /** Short explanation; never a password or a token. */
  detail: string | null
  /** Since v2. */
  userAgent: string | null
}
