export interface MutationLimiterOptions {
  perMinute: number
  now: () => Date
}

const WINDOW_MS = 60_000
// Bounds memory under a flood of distinct users; far above any real number of active users.
const MAX_TRACKED = 100_000

/**
 * Mutations per user per minute, counted in this process only. With several gateway replicas a
 * user gets up to `perMinute` on each; that is acceptable because this limit guards the services
 * against runaway clients rather than being a security boundary (login limits are, and they live
 * in Postgres). A shared counter (Postgres or Redis) would make it exact.
 */
export class MutationLimiter {
  readonly #options: MutationLimiterOptions
  readonly #windows = new Map<string, { startedAt: number; count: number }>()

  constructor(options: MutationLimiterOptions) {
    this.#options = options
  }

  /** Counts one mutation; returns the seconds to wait when over the limit, else undefined. */
  take(userId: string): number | undefined {
    const now = this.#options.now().getTime()
    let window = this.#windows.get(userId)
    if (window === undefined || now - window.startedAt >= WINDOW_MS) {
      this.#evictIfFull(now)
      window = { startedAt: now, count: 0 }
      this.#windows.set(userId, window)
    }

    window.count += 1
    if (window.count <= this.#options.perMinute) {
      return undefined
    }

    return Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000))
  }

  #evictIfFull(now: number): void {
    if (this.#windows.size < MAX_TRACKED) {
      return
    }

    for (const [userId, window] of this.#windows) {
      if (now - window.startedAt >= WINDOW_MS) {
        this.#windows.delete(userId)
      }
    }
  }
}
