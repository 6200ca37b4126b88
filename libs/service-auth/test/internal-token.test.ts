import { SignJWT, UnsecuredJWT } from 'jose'
import { describe, expect, it } from 'vitest'

import { createInternalTokenVerifier, INTERNAL_ISSUER, requireRole, signInternalToken } from '../src/index.ts'

const secret = 'a-test-secret-that-is-long-enough-0123456789'
const principal = {
  userId: '5b2f5a3e-1f7e-4f47-9f0e-0d3c1f1e2a11',
  username: 'carol',
  role: 'CREATOR',
} as const
const key = new TextEncoder().encode(secret)

describe('internal tokens', () => {
  const verify = createInternalTokenVerifier({ secret, audience: 'request' })

  it('should verify a token signed for the same audience', async () => {
    const token = await signInternalToken(principal, 'request', { secret })

    await expect(verify(token)).resolves.toEqual(principal)
  })

  it('should refuse a token for another audience', async () => {
    const token = await signInternalToken(principal, 'ledger', { secret })

    await expect(verify(token)).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' })
  })

  it('should refuse an expired token', async () => {
    const past = new Date(Date.now() - 10 * 60 * 1000)
    const token = await signInternalToken(principal, 'request', { secret, now: () => past })

    await expect(verify(token)).rejects.toMatchObject({ status: 401 })
  })

  it('should refuse alg none, another algorithm, a wrong key and a tampered payload', async () => {
    const unsigned = new UnsecuredJWT({ username: 'carol', role: 'ADMIN' })
      .setSubject(principal.userId)
      .setIssuer(INTERNAL_ISSUER)
      .setAudience('request')
      .setIssuedAt()
      .setExpirationTime('1m')
      .encode()
    const otherAlgorithm = await new SignJWT({ username: 'carol', role: 'CREATOR' })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject(principal.userId)
      .setIssuer(INTERNAL_ISSUER)
      .setAudience('request')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(new Uint8Array(64).fill(7))
    const wrongKey = await signInternalToken(principal, 'request', { secret: 'x'.repeat(40) })
    const good = await signInternalToken(principal, 'request', { secret })
    const [header, , signature] = good.split('.')
    const forged = Buffer.from(
      JSON.stringify({ ...principal, role: 'ADMIN', sub: principal.userId }),
    ).toString('base64url')
    const tampered = `${header}.${forged}.${signature}`

    for (const token of [unsigned, otherAlgorithm, wrongKey, tampered, 'not-a-jwt', undefined]) {
      await expect(verify(token)).rejects.toMatchObject({ status: 401 })
    }
    expect(key.byteLength).toBeGreaterThanOrEqual(32)
  })

  it('should refuse to sign or verify with a secret shorter than 32 bytes', async () => {
    await expect(signInternalToken(principal, 'request', { secret: 'short' })).rejects.toThrow(TypeError)
    expect(() => createInternalTokenVerifier({ secret: 'short', audience: 'request' })).toThrow(TypeError)
  })
})

describe('requireRole', () => {
  it('should let an allowed role through and refuse others with 403', () => {
    expect(() => requireRole(principal, 'CREATOR', 'ADMIN')).not.toThrow()
    expect(() => requireRole(principal, 'ADMIN')).toThrow(expect.objectContaining({ status: 403 }))
  })
})
