export interface WaitForOptions {
  timeoutMs?: number
  intervalMs?: number
  message?: string
}

type Pending = undefined | null | false

/**
 * Polls `check` until it returns something other than undefined, null or false, and returns that.
 * A check that throws counts as not yet; its last error is the cause of the timeout error.
 */
export async function waitFor<T>(
  check: () => Promise<T | Pending> | T | Pending,
  options: WaitForOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000
  const intervalMs = options.intervalMs ?? 100
  const deadline = Date.now() + timeoutMs
  let lastError: unknown

  for (;;) {
    try {
      const value = await check()
      if (value !== undefined && value !== null && value !== false) return value
    } catch (error) {
      lastError = error
    }

    if (Date.now() >= deadline) break

    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())))
  }

  const message = `${options.message ?? 'condition not met'} (waited ${timeoutMs} ms)`
  throw lastError === undefined ? new Error(message) : new Error(message, { cause: lastError })
}

/** The global timer, not node:timers/promises, so that tests of waitFor can drive it with a fake clock. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
