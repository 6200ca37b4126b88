import { describe, expect, it } from 'vitest'

import { assertVersionMatches, expectedVersionOf } from '../../src/http/if-match.ts'

describe('expectedVersionOf', () => {
  it('expectedVersionOf should read strong and weak version tags', () => {
    expect(expectedVersionOf('"3"')).toBe(3n)
    expect(expectedVersionOf('W/"12"')).toBe(12n)
  })

  it('expectedVersionOf should ask for no version when the header is absent or a wildcard', () => {
    expect(expectedVersionOf(undefined)).toBeUndefined()
    expect(expectedVersionOf('*')).toBeUndefined()
  })

  it('expectedVersionOf should refuse a malformed tag with a 400', () => {
    expect(() => expectedVersionOf('three')).toThrow(expect.objectContaining({ status: 400 }))
  })
})

describe('assertVersionMatches', () => {
  it('assertVersionMatches should answer 412 on another version', () => {
    expect(() => assertVersionMatches(2n, 3n)).toThrow(
      expect.objectContaining({ code: 'PRECONDITION_FAILED' }),
    )
    expect(() => assertVersionMatches(3n, 3n)).not.toThrow()
    expect(() => assertVersionMatches(undefined, 3n)).not.toThrow()
  })
})
