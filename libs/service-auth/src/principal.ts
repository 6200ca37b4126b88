import { commonError } from '@pay/errors'

export const roles = ['ADMIN', 'CREATOR', 'APPROVER', 'VIEWER'] as const
export type Role = (typeof roles)[number]

/** Who is asking, as the gateway vouched for it in the internal token. */
export interface Principal {
  userId: string
  username: string
  role: Role
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value)
}

/** Refuses with 403 unless the principal holds one of the roles. */
export function requireRole(principal: Principal, ...allowed: Role[]): void {
  if (!allowed.includes(principal.role)) {
    throw commonError('FORBIDDEN', `role ${principal.role} may not do this`)
  }
}
