import { describe, expect, it } from 'vitest'

import { hashPassword, needsRehash, scryptParameters, verifyPassword } from '../src/domain/password-hash.ts'

const fast = scryptParameters(14)

describe('hashPassword', () => {
  it('should verify the same password and refuse another', async () => {
    const hash = await hashPassword('Velvet-Harbor-Compass-8', fast)

    await expect(verifyPassword('Velvet-Harbor-Compass-8', hash)).resolves.toBe(true)
    await expect(verifyPassword('Velvet-Harbor-Compass-9', hash)).resolves.toBe(false)
  })

  it('should salt every hash and record its parameters', async () => {
    const [first, second] = await Promise.all([
      hashPassword('same-password-x', fast),
      hashPassword('same-password-x', fast),
    ])

    expect(first).not.toBe(second)
    expect(first).toMatch(/^scrypt\$ln=14,r=8,p=1\$[\w-]+\$[\w-]+$/)
  })

  it('should never match a stored value that is not one of its hashes', async () => {
    await expect(verifyPassword('anything', '')).resolves.toBe(false)
    await expect(verifyPassword('anything', 'plain-text-password')).resolves.toBe(false)
  })

  it('should ask for a rehash when the parameters changed', async () => {
    const hash = await hashPassword('Velvet-Harbor-Compass-8', fast)

    expect(needsRehash(hash, fast)).toBe(false)
    expect(needsRehash(hash, scryptParameters(15))).toBe(true)
  })
})

describe('scryptParameters', () => {
  it('should follow OWASP equal-strength pairs so the default costs 32 MiB per hash, not 128', () => {
    expect(scryptParameters(15)).toEqual({ logN: 15, r: 8, p: 3 })
    expect(scryptParameters(16)).toEqual({ logN: 16, r: 8, p: 2 })
    expect(scryptParameters(17)).toEqual({ logN: 17, r: 8, p: 1 })
  })
})
