import { describe, expect, it } from 'vitest'

import { throttleVerdict } from '../src/domain/login-throttle.ts'
import { MutationLimiter } from '../src/domain/mutation-limiter.ts'
import { FakeClock } from './support/fake-clock.ts'

const policy = { windowMs: 15 * 60_000, maxFailures: 5 }
const start = new Date('2026-01-01T10:00:00Z')

describe('throttleVerdict', () => {
  it('should allow attempts up to the limit', () => {
    expect(throttleVerdict({ attempts: 5, windowStartedAt: start }, policy, start)).toMatchObject({
      limited: false,
    })
  })

  it('should refuse the attempt past the limit and mark only the first refusal as news', () => {
    const first = throttleVerdict({ attempts: 6, windowStartedAt: start }, policy, start)
    const later = throttleVerdict({ attempts: 7, windowStartedAt: start }, policy, start)

    expect(first).toMatchObject({ limited: true, justLimited: true, retryAfterSeconds: 900 })
    expect(later).toMatchObject({ limited: true, justLimited: false })
  })

  it('should tell how long until the window ends', () => {
    const now = new Date(start.getTime() + 14 * 60_000 + 30_500)

    expect(throttleVerdict({ attempts: 9, windowStartedAt: start }, policy, now).retryAfterSeconds).toBe(30)
  })
})

describe('MutationLimiter', () => {
  it('should allow the limit per minute per user, then ask to wait until the minute ends', () => {
    const clock = new FakeClock(start.getTime())
    const limiter = new MutationLimiter({ perMinute: 3, now: clock.now })

    expect([limiter.take('u1'), limiter.take('u1'), limiter.take('u1')]).toEqual([
      undefined,
      undefined,
      undefined,
    ])
    clock.advance(20_000)
    expect(limiter.take('u1')).toBe(40)
    expect(limiter.take('u2')).toBeUndefined()
  })

  it('should start afresh once the minute is over', () => {
    const clock = new FakeClock(start.getTime())
    const limiter = new MutationLimiter({ perMinute: 1, now: clock.now })
    limiter.take('u1')
    expect(limiter.take('u1')).toBeDefined()

    clock.advance(60_000)

    expect(limiter.take('u1')).toBeUndefined()
  })
})
