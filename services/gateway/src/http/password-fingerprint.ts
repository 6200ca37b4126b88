import { createHmac } from 'node:crypto'

/**
 * What stands for a password in an idempotency fingerprint. The stored request hash is a plain
 * SHA-256, and a fast hash of a password in a table is an offline guessing target; an HMAC under a
 * server secret still matches a retry with the same password and reveals nothing about it.
 */
export function passwordFingerprint(secret: string, password: string): string {
  return createHmac('sha256', secret).update('idempotency-fingerprint\u0000').update(password).digest('hex')
}
