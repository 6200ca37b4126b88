import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

export function isAlive(pid: number | undefined): pid is number {
  if (pid === undefined || !Number.isInteger(pid) || pid <= 0) return false

  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM means the process exists but belongs to another user (a Postgres server run as `postgres`).
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Guards against a recycled pid: the process must still be the program we started. */
export function commandLineContains(pid: number, needle: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)
  } catch {
    // Without /proc there is nothing better than the liveness check.
    return isAlive(pid)
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true

    await sleep(100)
  }

  return !isAlive(pid)
}

/** SIGTERM, then SIGKILL once the process had `timeoutMs` to shut down cleanly. */
export async function stopProcess(pid: number, timeoutMs: number): Promise<void> {
  if (!isAlive(pid)) return

  signal(pid, 'SIGTERM')
  if (await waitForExit(pid, timeoutMs)) return

  signal(pid, 'SIGKILL')
  await waitForExit(pid, 5_000)
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
  }
}

export function tailOf(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}
