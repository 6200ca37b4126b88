import type { FastifyInstance } from 'fastify'

export type Readiness = () => Promise<Record<string, boolean>>

/**
 * GET /healthz answers as long as the event loop does; GET /readyz runs the readiness
 * checks and answers 503 naming each dependency that failed. A check that throws or takes
 * longer than `timeoutMs` counts as failed.
 */
export function installProbes(
  app: FastifyInstance,
  service: string,
  readiness: Readiness,
  timeoutMs: number,
): void {
  app.get('/healthz', async () => ({ status: 'alive', service }))

  app.get('/readyz', async (request, reply) => {
    const checks: Record<string, boolean> = await runReadiness(readiness, timeoutMs).catch(
      (error: unknown) => {
        request.log.warn({ err: error }, 'readiness check failed')
        return { readiness: false }
      },
    )
    const failed = Object.keys(checks).filter((name) => !checks[name])
    if (failed.length > 0) {
      request.log.warn({ failed }, 'not ready')
      return reply.code(503).send({ status: 'not ready', failed, checks })
    }

    return { status: 'ready', checks }
  })
}

async function runReadiness(readiness: Readiness, timeoutMs: number): Promise<Record<string, boolean>> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`readiness took longer than ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    return await Promise.race([readiness(), timeout])
  } finally {
    clearTimeout(timer)
  }
}
