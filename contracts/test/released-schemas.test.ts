import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { schemaStore } from '../src/index.ts'

/** Fingerprints of released versions, cross-checked with Java Avro's SchemaNormalization. */
const released = JSON.parse(
  readFileSync(new URL('../schemas/released.json', import.meta.url), 'utf8'),
) as Record<string, string>

describe('released schemas', () => {
  it('should never change once released (a change is a new .vN file)', () => {
    const current = Object.fromEntries(
      schemaStore.versions.map((version) => [
        version.file,
        version.fingerprint.toString(16).padStart(16, '0'),
      ]),
    )
    const changed = Object.keys(released).filter((file) => current[file] !== released[file])

    expect(changed, 'released schema files were edited or removed').toEqual([])
  })

  it('should all be recorded in schemas/released.json', () => {
    const unrecorded = schemaStore.versions.filter((version) => released[version.file] === undefined)

    expect(unrecorded.map((version) => version.file)).toEqual([])
  })
})
