import { describe, expect, it } from 'vitest'

import { isCommonPassword, passwordProblems } from '../src/domain/password-policy.ts'

describe('passwordProblems', () => {
  it('should accept a long, uncommon password', () => {
    expect(passwordProblems('Velvet-Harbor-Compass-8', 'carol')).toEqual([])
  })

  it.each([
    ['Short-pw-1', 'must be at least 12 characters'],
    ['123456789012345', 'must not be only digits'],
    ['carol-is-the-best-2024', 'must not contain the username'],
    ['CAROL-is-the-best-2024', 'must not contain the username'],
    ['passwordpassword', 'is too common'],
    ['x'.repeat(257), 'must be at most 256 characters'],
  ])('should refuse %s because it %s', (password, problem) => {
    expect(passwordProblems(password, 'carol').map((field) => field.message)).toContain(problem)
  })

  it('should count characters, not bytes, toward the minimum length', () => {
    expect(passwordProblems('ünïcödé-ähnlich', 'carol')).toEqual([])
    expect(passwordProblems('ééééééééééé', 'carol').map((field) => field.message)).toContain(
      'must be at least 12 characters',
    )
  })

  it('should report every problem at once, each on the password field', () => {
    const problems = passwordProblems('123', 'carol')

    expect(problems).toHaveLength(2)
    expect(problems.every((problem) => problem.path === 'password')).toBe(true)
  })
})

describe('isCommonPassword', () => {
  it.each([
    'Password2024!',
    'P@ssw0rd123456',
    '!!Qwertyuiop!!',
    'iloveyou1234',
    'aaaaaaaaaaaa',
    'Welcome12345',
  ])('should find %s common', (password) => {
    expect(isCommonPassword(password)).toBe(true)
  })

  it.each(['Velvet-Harbor-Compass-8', 'monkey-business-plan', 'dragonfly-sunset-42'])(
    'should not find %s common',
    (password) => {
      expect(isCommonPassword(password)).toBe(false)
    },
  )
})
