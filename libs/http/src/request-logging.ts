import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics'])

/**
 * One line per request, at completion, instead of fastify's two: method, route pattern,
 * path (no query string: it may carry cursors and filters nobody needs in logs), status and
 * duration. Probes and scrapes are logged at debug so they do not drown real traffic.
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' })
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const path = request.url.split('?')[0] ?? ''
    const line = {
      method: request.method,
      route: request.routeOptions.url,
      path,
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    }
    if (error) {
      reply.log.error({ ...line, err: error }, 'request errored')
    } else if (PROBE_PATHS.has(path)) {
      reply.log.debug(line, 'request completed')
    } else {
      reply.log.info(line, 'request completed')
    }
  }
}
