import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { loadSchemaStore, schemaStore } from '../src/index.ts'
import { schemaDirectory } from '../src/schema-store.ts'

describe('loadSchemaStore', () => {
  let directory: string
  const url = () => pathToFileURL(`${directory}/`)

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'contracts-schemas-'))
    cpSync(schemaDirectory, directory, { recursive: true })
  })

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true })
  })

  it('should load every shipped version with the envelope written out in place', () => {
    const store = loadSchemaStore(url())
    const latest = store.latest('RequestSubmitted')

    expect(store.versions).toHaveLength(schemaStore.versions.length)
    expect(JSON.stringify(latest.schema)).toContain('"name":"Envelope"')
    expect(store.byFingerprint(latest.fingerprint)).toBe(latest)
  })

  it('should order versions and find the latest', () => {
    const versions = schemaStore.versionsOf('SecurityEventRecorded')

    expect(versions.map((version) => version.version)).toEqual([1, 2])
    expect(schemaStore.latest('SecurityEventRecorded')).toBe(versions[1])
    expect(schemaStore.resolverFor(versions[1]!)).toBeUndefined()
    expect(schemaStore.resolverFor(versions[0]!)).toBe(schemaStore.resolverFor(versions[0]!))
  })

  it('should refuse a gap in the versions of an event', () => {
    renameSync(
      join(directory, 'identity/SecurityEventRecorded.v2.avsc'),
      join(directory, 'identity/SecurityEventRecorded.v3.avsc'),
    )

    expect(() => loadSchemaStore(url())).toThrow(/SecurityEventRecorded: expected version 2/)
  })

  it('should refuse an event type without any schema file', () => {
    rmSync(join(directory, 'journal/AccountOpened.v1.avsc'))

    expect(() => loadSchemaStore(url())).toThrow(/AccountOpened: no schema file/)
  })

  it('should refuse a schema file in the folder of another topic', () => {
    renameSync(
      join(directory, 'journal/AccountOpened.v1.avsc'),
      join(directory, 'requests/AccountOpened.v1.avsc'),
    )

    expect(() => loadSchemaStore(url())).toThrow(/AccountOpened belongs to payments.journal.v1/)
  })

  it('should refuse a file whose record is not named after its event type', () => {
    const file = join(directory, 'requests/RequestPaid.v1.avsc')
    writeFileSync(file, readFileSync(file, 'utf8').replace('"name": "RequestPaid"', '"name": "Paid"'))

    expect(() => loadSchemaStore(url())).toThrow(/expected record RequestPaid/)
  })

  it('should refuse two versions with the same canonical form', () => {
    const file = join(directory, 'identity/SecurityEventRecorded.v2.avsc')
    writeFileSync(file, readFileSync(join(directory, 'identity/SecurityEventRecorded.v1.avsc')))

    expect(() => loadSchemaStore(url())).toThrow(/same canonical form/)
  })

  it('should refuse a file name that names no event type', () => {
    writeFileSync(join(directory, 'requests/notes.txt'), 'hello')

    expect(() => loadSchemaStore(url())).toThrow(/notes\.txt/)
  })
})
