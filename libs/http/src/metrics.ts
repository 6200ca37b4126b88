import type { FastifyInstance } from 'fastify'
import { collectDefaultMetrics, Histogram, register as defaultRegistry, type Registry } from 'prom-client'

const DURATION_METRIC = 'http_request_duration_seconds'

/**
 * Records every response in an `http_request_duration_seconds` histogram labelled by
 * method, route pattern and status, and serves the registry at GET /metrics. Unmatched
 * URLs share one route label so that scanners cannot blow up the label cardinality.
 */
export function installMetrics(app: FastifyInstance, registry: Registry = defaultRegistry): void {
  // Process metrics (memory, event loop lag, GC) once per registry, whoever asks first.
  if (registry.getSingleMetric('process_cpu_user_seconds_total') === undefined) {
    collectDefaultMetrics({ register: registry })
  }

  const duration =
    (registry.getSingleMetric(DURATION_METRIC) as
      Histogram<'method' | 'route' | 'status_code'> | undefined) ??
    new Histogram({
      name: DURATION_METRIC,
      help: 'HTTP request duration by method, route and status',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    })

  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    )
  })

  app.get('/metrics', { helmet: false }, async (_request, reply) => {
    return reply.header('content-type', registry.contentType).send(await registry.metrics())
  })
}
