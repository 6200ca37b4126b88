import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { waitFor } from '../src/index.ts'

describe('waitFor', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('should resolve with the first value that is not undefined, null or false', async () => {
    const answers = [undefined, null, false, 0]
    const check = vi.fn(() => answers.shift())

    const result = waitFor(check, { intervalMs: 50 })
    await vi.advanceTimersByTimeAsync(200)

    await expect(result).resolves.toBe(0)
    expect(check).toHaveBeenCalledTimes(4)
  })

  it('should keep polling while the check throws', async () => {
    let calls = 0
    const result = waitFor(async () => {
      calls += 1
      if (calls < 3) throw new Error('not yet')

      return 'ready'
    })
    await vi.advanceTimersByTimeAsync(500)

    await expect(result).resolves.toBe('ready')
  })

  it('should fail with the message and the last error once the time is up', async () => {
    const result = waitFor(
      () => {
        throw new Error('still broken')
      },
      { timeoutMs: 1_000, intervalMs: 100, message: 'row never appeared' },
    )
    const assertion = expect(result).rejects.toMatchObject({
      message: 'row never appeared (waited 1000 ms)',
      cause: new Error('still broken'),
    })
    await vi.advanceTimersByTimeAsync(1_100)

    await assertion
  })

  it('should not call the check again after the deadline', async () => {
    const check = vi.fn(() => false as const)
    const result = waitFor(check, { timeoutMs: 300, intervalMs: 100 }).catch(() => 'timed out')
    await vi.advanceTimersByTimeAsync(1_000)

    await expect(result).resolves.toBe('timed out')
    expect(check).toHaveBeenCalledTimes(4)
  })
})
