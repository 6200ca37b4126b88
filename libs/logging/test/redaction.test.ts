import { describe, expect, it } from 'vitest'

import { isSensitiveKey } from '../src/redaction.ts'

describe('isSensitiveKey', () => {
  it.each([
    'password',
    'passwordHash',
    'currentPassword',
    'x-internal-token',
    'clientSecret',
    'newPassword',
    'token',
    'accessToken',
    'refresh_token',
    'internalToken',
    'jwtSecret',
    'Authorization',
    'cookie',
    'set-cookie',
  ])('should treat %s as sensitive', (key) => {
    expect(isSensitiveKey(key)).toBe(true)
  })

  it.each(['username', 'tokenFamilyId', 'expiresIn', 'requestId', 'userId', 'role'])(
    'should leave %s alone',
    (key) => {
      expect(isSensitiveKey(key)).toBe(false)
    },
  )
})
