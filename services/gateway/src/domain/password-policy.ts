import { readFileSync } from 'node:fs'

import type { FieldError } from '@pay/errors'

export const MIN_PASSWORD_LENGTH = 12
/** Long enough for any passphrase; bounded so that hashing a hostile body stays cheap. */
export const MAX_PASSWORD_LENGTH = 256

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
}

const commonPasswords = loadCommonPasswords()

/**
 * Every way the password breaks the policy, as field errors on `password` (empty when it is
 * acceptable): at least 12 characters, not only digits, not containing the username, and not a
 * common password, even dressed up with digits or symbols around it or letters swapped for digits.
 */
export function passwordProblems(password: string, username: string): FieldError[] {
  const problems: string[] = []
  const length = [...password].length
  if (length < MIN_PASSWORD_LENGTH) {
    problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters`)
  }

  if (length > MAX_PASSWORD_LENGTH) {
    problems.push(`must be at most ${MAX_PASSWORD_LENGTH} characters`)
  }

  if (/^\d+$/.test(password)) {
    problems.push('must not be only digits')
  }

  if (username !== '' && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('must not contain the username')
  }

  if (isCommonPassword(password)) {
    problems.push('is too common')
  }

  return problems.map((message) => ({ path: 'password', message }))
}

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase()
  if (commonPasswords.has(lower) || /^(.)\1*$/u.test(lower)) {
    return true
  }

  // Digits and symbols around a word ("Summer2024!") and digits standing in for letters ("p@ssw0rd")
  // add next to nothing to what an attacker tries first.
  const core = stripAffixes(lower)
  const candidates = [core, unswap(core), unswap(lower), stripAffixes(unswap(lower))]

  return candidates.some((candidate) => candidate !== '' && commonPasswords.has(candidate))
}

function stripAffixes(text: string): string {
  return text.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '')
}

function unswap(text: string): string {
  return [...text].map((char) => LEET[char] ?? char).join('')
}

function loadCommonPasswords(): Set<string> {
  const text = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
  const entries = text
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line !== '' && !line.startsWith('#'))

  return new Set(entries)
}
