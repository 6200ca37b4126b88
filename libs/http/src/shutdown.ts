import type { Logger } from '@pay/logging'

/** Something to close at shutdown: the HTTP server, a relay, a consumer, a pool, telemetry. */
export interface Closer {
  name: string
  close(): Promise<unknown> | unknown
}

export interface ShutdownOptions {
  /** Past this the process exits with status 1 whatever is still closing. */
  timeoutMs?: number
  signals?: NodeJS.Signals[]
  /** How to end the process; tests pass a fake. */
  exit?: (code: number) => void
}

/**
 * On SIGTERM or SIGINT, closes `closers` one after another in the given order (put the
 * HTTP server first, so no new work arrives while the rest drains; the database pool
 * last) and exits 0, or 1 if a closer failed or the whole took longer than the timeout.
 * A second signal ends the process at once (Node's default), as an operator pressing Ctrl-C
 * twice expects. Returns the shutdown function, for callers that must stop for another reason.
 */
export function installShutdown(
  logger: Logger,
  closers: Closer[],
  {
    timeoutMs = 10_000,
    signals = ['SIGTERM', 'SIGINT'],
    exit = (code) => process.exit(code),
  }: ShutdownOptions = {},
): (reason: string) => Promise<void> {
  let started = false

  const shutdown = async (reason: string) => {
    if (started) {
      return
    }

    started = true
    for (const signal of signals) {
      process.removeListener(signal, onSignal)
    }
    logger.info({ reason }, 'shutting down')

    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out')
      exit(1)
    }, timeoutMs)
    timer.unref()

    const failed = await closeInOrder(logger, closers)
    clearTimeout(timer)
    logger.info({ failed }, 'shut down')
    exit(failed.length === 0 ? 0 : 1)
  }

  function onSignal(signal: NodeJS.Signals) {
    void shutdown(signal)
  }

  for (const signal of signals) {
    process.on(signal, onSignal)
  }
  return shutdown
}

async function closeInOrder(logger: Logger, closers: Closer[]): Promise<string[]> {
  const failed: string[] = []
  for (const closer of closers) {
    try {
      await closer.close()
      logger.debug({ closer: closer.name }, 'closed')
    } catch (error) {
      failed.push(closer.name)
      logger.error({ err: error, closer: closer.name }, 'close failed')
    }
  }
  return failed
}
