import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export interface SystemSecrets {
  INTERNAL_TOKEN_SECRET: string
  JWT_SECRET: string
  ADMIN_PASSWORD: string
}

/**
 * Signing keys and the first admin's password for a local system: taken from the environment when
 * set, else generated once and kept (mode 0600) in the git-ignored state folder, so a second start
 * reuses the same users and tokens.
 */
export function localSecrets(file: string, env: NodeJS.ProcessEnv = process.env): SystemSecrets {
  const stored: Partial<SystemSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
  const secrets: SystemSecrets = {
    INTERNAL_TOKEN_SECRET:
      env.INTERNAL_TOKEN_SECRET ?? stored.INTERNAL_TOKEN_SECRET ?? randomBytes(32).toString('hex'),
    JWT_SECRET: env.JWT_SECRET ?? stored.JWT_SECRET ?? randomBytes(32).toString('hex'),
    ADMIN_PASSWORD:
      env.ADMIN_PASSWORD ?? stored.ADMIN_PASSWORD ?? `Adm-${randomBytes(12).toString('base64url')}`,
  }

  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })

  return secrets
}
