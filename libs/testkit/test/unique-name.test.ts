import { describe, expect, it } from 'vitest'
import { uniqueName } from '../src/index.ts'

describe('uniqueName', () => {
  it('should return a different name on every call', () => {
    const names = new Set(Array.from({ length: 200 }, () => uniqueName('orders')))

    expect(names.size).toBe(200)
  })

  it('should keep to lowercase letters, digits and underscores, starting with a letter', () => {
    for (const prefix of ['Orders Topic', '9lives', 'a.b-c/d', '__x__', '']) {
      expect(uniqueName(prefix)).toMatch(/^[a-z][a-z0-9_]*$/)
    }
  })

  it('should stay short enough for a role name with a suffix', () => {
    const name = uniqueName('a_very_long_prefix_that_goes_on_and_on_and_on_and_on_and_on_forever')

    expect(`${name}_svc`.length).toBeLessThanOrEqual(63)
    expect(name.startsWith('a_very_long_prefix')).toBe(true)
  })
})
