import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

const HSTS = 'max-age=31536000; includeSubDomains'

/**
 * Helmet's headers on every response; HSTS only on requests that arrived over TLS (directly
 * or, with trustProxy, per X-Forwarded-Proto), since over plain HTTP it is meaningless and
 * would pin a local developer's browser to https. Responses are not cacheable unless a
 * route says otherwise: they carry user data. A route opts out of helmet with
 * `{ helmet: false }` or overrides its policies with `{ helmet: { … } }` in its options.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.register(helmet, { hsts: false })

  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', HSTS)
    }

    if (!reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store')
    }
  })
}
