import { spawnSync } from 'node:child_process'
import { runOrThrow } from './run-command.ts'

export interface ServerUser {
  name: string
  uid: number
  gid: number
}

/** Created only on machines that run the tooling as root and have no `postgres` user. */
const fallbackUser = 'pay_infra'

/**
 * initdb and postgres refuse to run as root, so a root caller (CI) runs them as the `postgres`
 * system user, or as a system user made for this. Anyone else runs them as themselves.
 */
export async function serverUser(): Promise<ServerUser | undefined> {
  if (process.getuid?.() !== 0) return undefined

  const existing = lookUp('postgres') ?? lookUp(fallbackUser)
  if (existing) return existing

  await runOrThrow('useradd', [
    '--system',
    '--user-group',
    '--no-create-home',
    '--shell',
    '/usr/sbin/nologin',
    fallbackUser,
  ])
  const created = lookUp(fallbackUser)
  if (!created) throw new Error(`could not create the system user ${fallbackUser}`)

  return created
}

function lookUp(name: string): ServerUser | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' })
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' })
  if (uid.status !== 0 || gid.status !== 0) return undefined

  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}
