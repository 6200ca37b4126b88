import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * scrypt parameters. OWASP lists settings of equal strength that trade memory for parallelism:
 * N = 2^17 with p = 1 (128 MiB per hash), 2^16 with p = 2, 2^15 with p = 3 (32 MiB). The default
 * is 2^15, p = 3: as costly to guess offline, while concurrent logins stay inside the service's
 * memory budget. The parameters are stored with each hash, so a change rehashes at the next login.
 */
export interface ScryptParameters {
  logN: number
  r: number
  p: number
}

const KEY_LENGTH = 32
const SALT_LENGTH = 16
const PREFIX = 'scrypt'

const PARALLELISM_FOR_LOG_N: Record<number, number> = { 15: 3, 16: 2, 17: 1 }

/** Below 2^15 (tests only) and above 2^17, p stays 1. */
export function scryptParameters(logN: number): ScryptParameters {
  return { logN, r: 8, p: PARALLELISM_FOR_LOG_N[logN] ?? 1 }
}

/** `scrypt$ln=17,r=8,p=1$<salt>$<hash>`, salt and hash in base64url. */
export async function hashPassword(password: string, parameters: ScryptParameters): Promise<string> {
  const salt = randomBytes(SALT_LENGTH)
  const hash = await derive(password, salt, parameters)

  return `${PREFIX}$ln=${parameters.logN},r=${parameters.r},p=${parameters.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`
}

/** Compares in constant time; a stored value that is not one of our hashes never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored)
  if (parsed === undefined) {
    return false
  }

  const hash = await derive(password, parsed.salt, parsed.parameters)
  return hash.length === parsed.hash.length && timingSafeEqual(hash, parsed.hash)
}

/** True when the stored hash was made with other parameters than the current ones. */
export function needsRehash(stored: string, parameters: ScryptParameters): boolean {
  const parsed = parseHash(stored)
  if (parsed === undefined) {
    return true
  }

  const current = parsed.parameters
  return current.logN !== parameters.logN || current.r !== parameters.r || current.p !== parameters.p
}

function parseHash(stored: string): { parameters: ScryptParameters; salt: Buffer; hash: Buffer } | undefined {
  const match = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([\w-]+)\$([\w-]+)$/.exec(stored)
  if (match === null) {
    return undefined
  }

  const [, logN, r, p, salt, hash] = match
  return {
    parameters: { logN: Number(logN), r: Number(r), p: Number(p) },
    salt: Buffer.from(salt!, 'base64url'),
    hash: Buffer.from(hash!, 'base64url'),
  }
}

function derive(password: string, salt: Buffer, { logN, r, p }: ScryptParameters): Promise<Buffer> {
  const N = 2 ** logN
  // Node refuses more than 32 MiB unless told; scrypt needs 128 * N * r bytes plus a little.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r }

  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}
