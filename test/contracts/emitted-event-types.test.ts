import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

import { emittedEventTypes } from './emitted-event-types.ts'

describe('emittedEventTypes', () => {
  const emitted = emittedEventTypes(join(import.meta.dirname, 'fixtures', 'producer'))

  it('should count only event types built in code that the entry files reach', () => {
    expect([...emitted.keys()].sort()).toEqual(['AccountOpened', 'BatchCreated'])
  })

  it('should say where an event is built', () => {
    expect(emitted.get('BatchCreated')).toEqual([
      { file: 'src/events.ts', line: 7, declaration: 'batchCreated' },
    ])
  })

  it('should find nothing for a folder without sources', () => {
    expect(emittedEventTypes(join(import.meta.dirname, 'fixtures', 'missing')).size).toBe(0)
  })
})
