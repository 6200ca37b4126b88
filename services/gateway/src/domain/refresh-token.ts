import { createHash, randomBytes } from 'node:crypto'

const TOKEN_BYTES = 32

/** An opaque refresh token: 256 random bits, base64url. Only its hash is stored. */
export function newRefreshToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url')
}

/**
 * SHA-256 is enough here (unlike for passwords): the token is random, so there is nothing to
 * guess, and a stolen table of hashes cannot be turned back into usable tokens.
 */
export function refreshTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest()
}

export function looksLikeRefreshToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token)
}
