/** Failed-login counting over a fixed window, per account or per client address. */
export interface ThrottlePolicy {
  windowMs: number
  maxFailures: number
}

/** A bucket's state right after this attempt was counted in it. */
export interface ThrottleCount {
  attempts: number
  windowStartedAt: Date
}

export interface ThrottleVerdict {
  limited: boolean
  /** The first refused attempt of a window: the one worth reporting as a security event. */
  justLimited: boolean
  retryAfterSeconds: number
}

/**
 * Every attempt is counted before the password is checked (so concurrent guesses cannot slip past
 * the limit) and a successful login gives its count back; an attempt beyond `maxFailures` in the
 * window is refused without looking at the password.
 */
export function throttleVerdict(count: ThrottleCount, policy: ThrottlePolicy, now: Date): ThrottleVerdict {
  const limited = count.attempts > policy.maxFailures
  const windowEndsAt = count.windowStartedAt.getTime() + policy.windowMs

  return {
    limited,
    justLimited: count.attempts === policy.maxFailures + 1,
    retryAfterSeconds: limited ? Math.max(1, Math.ceil((windowEndsAt - now.getTime()) / 1000)) : 0,
  }
}

export function accountBucket(username: string): string {
  return `account:${username}`
}

export function addressBucket(address: string): string {
  return `address:${address}`
}
