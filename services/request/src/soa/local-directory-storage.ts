import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'

import type { SoaStorage } from './soa-storage.ts'

const KEY = /^[0-9a-f]{64}$/

/**
 * Keeps each blob as a file under `root`, fanned out by the first two hex digits of its key. A
 * blob is written to a temporary name, flushed, then renamed into place, so a reader never sees a
 * half-written file and a crash leaves at most a stray temporary file behind.
 */
export class LocalDirectoryStorage implements SoaStorage {
  readonly root: string

  /** `directory` may be relative: it is resolved against the working directory. */
  constructor(directory: string) {
    this.root = path.resolve(directory)
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.#pathOf(key)
    if (await exists(target)) {
      return
    }

    await mkdir(path.dirname(target), { recursive: true })
    const temporary = `${target}.${randomUUID()}.tmp`
    try {
      const handle = await open(temporary, 'wx')
      try {
        await handle.writeFile(bytes)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temporary, target)
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
  }

  async open(key: string): Promise<Readable | undefined> {
    const target = this.#pathOf(key)
    if (!(await exists(target))) {
      return undefined
    }

    return createReadStream(target)
  }

  #pathOf(key: string): string {
    // Keys come from this service, but a key that is not a digest must never become a path.
    if (!KEY.test(key)) {
      throw new TypeError('an SOA storage key is a lowercase sha256 hex digest')
    }

    return path.join(this.root, key.slice(0, 2), key)
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return false
    }
    throw error
  }
}
