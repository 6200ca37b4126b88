import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { isAlive } from './processes.ts'

/**
 * Runs `work` while holding an exclusive lock file, so that two test runs starting at the same
 * moment do not both start a broker. A lock left by a dead process is taken over.
 */
export async function withFileLock<T>(
  path: string,
  work: () => Promise<T>,
  timeoutMs = 15 * 60_000,
): Promise<T> {
  mkdirSync(dirname(path), { recursive: true })
  const deadline = Date.now() + timeoutMs
  while (!tryAcquire(path)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${path}`)

    await sleep(200)
  }

  try {
    return await work()
  } finally {
    rmSync(path, { force: true })
  }
}

function tryAcquire(path: string): boolean {
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }

  const owner = Number(readQuietly(path))
  // An empty file is a lock being written right now; only a named, dead owner is stale.
  if (owner > 0 && !isAlive(owner)) rmSync(path, { force: true })

  return false
}

function readQuietly(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}
