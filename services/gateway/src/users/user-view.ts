import type { User } from '../domain/user.ts'

/** A user as the API shows it: never the password hash or the token version. */
export interface UserView {
  id: string
  username: string
  displayName: string
  role: User['role']
  active: boolean
  version: string
  createdAt: string
  updatedAt: string
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
    version: user.version.toString(),
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  }
}
