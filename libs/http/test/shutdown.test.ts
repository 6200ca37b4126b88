import { createLogger } from '@pay/logging'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { installShutdown } from '../src/index.ts'
import { logSink } from './build-app.ts'

describe('installShutdown', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  function setup() {
    const sink = logSink()
    const logger = createLogger({ service: 'test', level: 'debug', destination: sink })
    const exit = vi.fn()
    return { sink, logger, exit }
  }

  it('should close everything in order on a signal and exit 0', async () => {
    const { logger, exit } = setup()
    const closed: string[] = []
    const closer = (name: string) => ({
      name,
      close: async () => {
        await new Promise((resolve) => setImmediate(resolve))
        closed.push(name)
      },
    })
    installShutdown(logger, [closer('http'), closer('relay'), closer('pool')], { signals: ['SIGUSR2'], exit })

    process.emit('SIGUSR2', 'SIGUSR2')
    await vi.waitFor(() => expect(exit).toHaveBeenCalled())

    expect(closed).toEqual(['http', 'relay', 'pool'])
    expect(exit).toHaveBeenCalledWith(0)
    expect(process.listenerCount('SIGUSR2')).toBe(0)
  })

  it('should keep closing after a closer fails and then exit 1', async () => {
    const { logger, exit, sink } = setup()
    const poolClosed = vi.fn()
    const shutdown = installShutdown(
      logger,
      [
        { name: 'relay', close: () => Promise.reject(new Error('stuck')) },
        { name: 'pool', close: poolClosed },
      ],
      { signals: [], exit },
    )

    await shutdown('test')

    expect(poolClosed).toHaveBeenCalled()
    expect(exit).toHaveBeenCalledWith(1)
    expect(sink.lines.find((line) => line.msg === 'close failed')).toMatchObject({
      closer: 'relay',
      level: 'error',
    })
  })

  it('should exit 1 when closing takes longer than the timeout', async () => {
    vi.useFakeTimers()
    const { logger, exit } = setup()
    const shutdown = installShutdown(logger, [{ name: 'hangs', close: () => new Promise(() => {}) }], {
      timeoutMs: 5_000,
      signals: [],
      exit,
    })

    void shutdown('test')
    await vi.advanceTimersByTimeAsync(4_999)
    expect(exit).not.toHaveBeenCalled()

    await vi.advanceTimersByTimeAsync(1)
    expect(exit).toHaveBeenCalledWith(1)
  })

  it('should run only once', async () => {
    const { logger, exit } = setup()
    const close = vi.fn()
    const shutdown = installShutdown(logger, [{ name: 'http', close }], { signals: [], exit })

    await Promise.all([shutdown('first'), shutdown('second')])

    expect(close).toHaveBeenCalledTimes(1)
    expect(exit).toHaveBeenCalledTimes(1)
  })
})
