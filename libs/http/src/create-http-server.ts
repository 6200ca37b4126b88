import { commonError } from '@pay/errors'
import { bindContext, type Logger } from '@pay/logging'
import { currentTraceId, recordHttpRoute } from '@pay/telemetry'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Registry } from 'prom-client'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'

import { acceptJsonBodiesOnly } from './json-body.ts'
import { installMetrics } from './metrics.ts'
import { sendProblem } from './problem.ts'
import { installProbes, type Readiness } from './probes.ts'
import { installRequestContext } from './request-context.ts'
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.ts'
import { RequestLogController } from './request-logging.ts'
import { installSecurityHeaders } from './security-headers.ts'
import { requireStrictBodySchemas } from './strict-schemas.ts'

export interface HttpServerOptions {
  logger: Logger
  serviceName: string
  /** Largest accepted request body in bytes; 1 MiB unless given. */
  bodyLimit?: number
  /** Reports each dependency's health for GET /readyz, e.g. `{ postgres: true, kafka: false }`. */
  readiness?: Readiness
  readinessTimeoutMs?: number
  /** Where /metrics reads from and the HTTP histogram is registered; prom-client's default otherwise. */
  metricsRegistry?: Registry
  /** Trust X-Forwarded-* from a proxy in front (for protocol, hence HSTS, and client address). */
  trustProxy?: boolean
}

export type HttpServer = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>

const MIB = 1024 * 1024

/**
 * The fastify base every service builds on; see the README of @pay/http for what it sets up.
 * Routes are added by the caller; nothing listens until the caller calls `listen`.
 */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    logController: new RequestLogController(),
    bodyLimit: options.bodyLimit ?? MIB,
    trustProxy: options.trustProxy ?? false,
    requestIdHeader: false,
    genReqId: requestIdOf,
    // Runs inside the incoming request's span (the HTTP instrumentation opened it), so the
    // trace id is known here; the user id is added later by `request.bindUser`.
    childLoggerFactory: (logger, bindings) =>
      bindContext(logger as Logger, { requestId: bindings.requestId as string, traceId: currentTraceId() }),
    frameworkErrors: (error, request, reply) => {
      sendProblem(error, request, reply)
    },
  })

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply))
  app.setNotFoundHandler((request, reply) =>
    sendProblem(commonError('NOT_FOUND', 'no such route'), request, reply),
  )

  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id)
    if (request.routeOptions.url !== undefined) {
      recordHttpRoute(request.routeOptions.url)
    }
  })

  acceptJsonBodiesOnly(app)
  requireStrictBodySchemas(app)
  installRequestContext(app)
  installSecurityHeaders(app)
  installProbes(
    app,
    options.serviceName,
    options.readiness ?? (async () => ({})),
    options.readinessTimeoutMs ?? 3_000,
  )
  installMetrics(app, options.metricsRegistry)
  return app.withTypeProvider<ZodTypeProvider>()
}
