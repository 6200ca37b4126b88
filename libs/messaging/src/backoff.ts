import { setTimeout as sleep } from 'node:timers/promises'

export interface Backoff {
  initialMs: number
  maxMs: number
}

/** Exponential delay with full jitter, so replicas that failed together do not retry together. */
export function backoffDelay(attempt: number, backoff: Backoff): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
}

/** Sleeps, but wakes early (without throwing) when the signal aborts. */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) {
    return
  }

  await sleep(ms, undefined, { signal }).catch(() => undefined)
}
