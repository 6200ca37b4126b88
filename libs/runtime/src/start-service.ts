import { topicSettings, type TopicSettings } from '@pay/contracts'
import { createPool, runMigrations } from '@pay/db'
import { createHttpServer, installShutdown, type HttpServer } from '@pay/http'
import { migrateIdempotency, purgeExpiredKeys } from '@pay/idempotency'
import { createLogger, type Logger } from '@pay/logging'
import {
  ConsumerRunner,
  createKafka,
  deadLetterTopic,
  ensureTopics,
  migrateMessaging,
  OutboxRelay,
  type ConsumerOptions,
  type TopicSpec,
} from '@pay/messaging'
import { createInternalTokenVerifier, registerServiceAuth } from '@pay/service-auth'
import { shutdownTelemetry } from '@pay/telemetry'
import { Registry, collectDefaultMetrics } from 'prom-client'

import { registerOpenApi } from './openapi.ts'
import type { ServiceConfig } from './service-config.ts'
import type { ServiceContext } from './service-context.ts'

export type ConsumerSpec = Omit<ConsumerOptions, 'kafka' | 'pool' | 'logger' | 'registry'>

export interface BackgroundTask {
  start(): void
  stop(): Promise<void>
}

export interface ServiceDefinition<Config extends ServiceConfig = ServiceConfig> {
  name: string
  /** Folder of the service's own `NNN.do.*.sql` migrations. */
  migrations?: string
  /** Topics the service's outbox publishes to; created at start-up when missing. */
  publishes?: TopicSpec[]
  /** `internal` (the default): every route needs the gateway's internal token. */
  auth?: 'internal' | 'none'
  /** Runs after the migrations, before anything consumes or serves: seeding, for instance. */
  init?(context: ServiceContext<Config>): Promise<void>
  routes(app: HttpServer, context: ServiceContext<Config>): void | Promise<void>
  consumers?(context: ServiceContext<Config>): ConsumerSpec[]
  tasks?(context: ServiceContext<Config>): BackgroundTask[]
}

export interface StartOptions {
  logger?: Logger
  /** Tests drive the app through `inject()` and skip the socket. */
  listen?: boolean
  /** Stop gracefully on SIGTERM/SIGINT; on by default when listening. */
  handleSignals?: boolean
}

export interface RunningService<Config extends ServiceConfig = ServiceConfig> {
  app: HttpServer
  context: ServiceContext<Config>
  /** Base URL when listening. */
  url: string | undefined
  stop(): Promise<void>
}

const PURGE_INTERVAL_MS = 10 * 60 * 1000

/**
 * Starts one service: migrations, topics, the outbox relay, its consumers, its background tasks and
 * its HTTP API, in that order; `stop()` undoes them in reverse so in-flight work finishes first.
 */
export async function startService<Config extends ServiceConfig>(
  definition: ServiceDefinition<Config>,
  config: Config,
  options: StartOptions = {},
): Promise<RunningService<Config>> {
  const logger = options.logger ?? createLogger({ service: definition.name, level: config.LOG_LEVEL })
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    max: config.DATABASE_POOL_SIZE,
    applicationName: definition.name,
    onError: (error) => logger.warn({ err: error }, 'idle database connection failed'),
  })
  const kafka = createKafka({ clientId: definition.name, brokers: config.KAFKA_BROKERS, logger })
  const context: ServiceContext<Config> = { name: definition.name, config, logger, pool, kafka, registry }
  const stoppers: (() => Promise<void>)[] = [() => pool.end()]

  try {
    await migrateMessaging(pool)
    await migrateIdempotency(pool)
    if (definition.migrations !== undefined) {
      await runMigrations(pool, { directory: definition.migrations })
    }
    await definition.init?.(context)

    const prefix = config.KAFKA_TOPIC_PREFIX
    const consumers = definition.consumers?.(context) ?? []
    await ensureTopics(kafka, topicsOf(definition.publishes ?? [], consumers, prefix))

    const relay = new OutboxRelay({
      pool,
      kafka,
      schema: config.DATABASE_SCHEMA,
      topicPrefix: prefix,
      logger,
      registry,
    })
    relay.start()
    stoppers.unshift(() => relay.stop())

    for (const spec of consumers) {
      const consumer = new ConsumerRunner({
        ...spec,
        groupId: `${prefix}${spec.groupId}`,
        topics: spec.topics.map((topic) => `${prefix}${topic}`),
        dlqTopic: `${prefix}${spec.dlqTopic ?? deadLetterTopic(spec.groupId)}`,
        kafka,
        pool,
        logger,
        registry,
      })
      await consumer.start()
      stoppers.unshift(() => consumer.stop())
    }

    const tasks = [...(definition.tasks?.(context) ?? []), purgeTask(context)]
    for (const task of tasks) {
      task.start()
      stoppers.unshift(() => task.stop())
    }

    const app = await createHttpServer({
      logger,
      serviceName: definition.name,
      metricsRegistry: registry,
      trustProxy: config.TRUST_PROXY,
      readiness: () => readiness(context),
    })
    stoppers.unshift(() => app.close())
    if (definition.auth !== 'none') {
      registerServiceAuth(
        app,
        createInternalTokenVerifier({ secret: config.INTERNAL_TOKEN_SECRET, audience: definition.name }),
      )
    }
    await registerOpenApi(app, definition.name)
    await definition.routes(app, context)

    let url: string | undefined
    const listen = options.listen ?? true
    if (listen) {
      url = await app.listen({ host: config.HOST, port: config.PORT })
      logger.info({ url }, 'service ready')
    } else {
      await app.ready()
    }

    const stop = () => stopAll(stoppers, logger)
    if (options.handleSignals ?? listen) {
      installShutdown(logger, [
        { name: definition.name, close: stop },
        { name: 'telemetry', close: shutdownTelemetry },
      ])
    }

    return { app, context, url, stop }
  } catch (error) {
    await stopAll(stoppers, logger)
    throw error
  }
}

/** Every topic the service writes or reads, with the product's settings for it, under the prefix. */
function topicsOf(publishes: TopicSpec[], consumers: ConsumerSpec[], prefix: string): TopicSpec[] {
  const wanted = new Map(publishes.map((spec) => [spec.topic, spec]))
  for (const topic of consumers.flatMap((consumer) => consumer.topics)) {
    if (!wanted.has(topic)) {
      wanted.set(topic, { topic })
    }
  }

  return [...wanted.values()].map((spec) => ({
    ...(topicSettings as Record<string, TopicSettings | undefined>)[spec.topic],
    ...spec,
    topic: `${prefix}${spec.topic}`,
  }))
}

async function stopAll(stoppers: (() => Promise<void>)[], logger: Logger): Promise<void> {
  for (const stop of stoppers.splice(0)) {
    try {
      await stop()
    } catch (error) {
      logger.warn({ err: error }, 'error while stopping')
    }
  }
}

/**
 * Ready means able to take commands, which needs Postgres only: events wait in the outbox while
 * Kafka is away, so a Kafka outage must not take every replica out of the load balancer.
 * Kafka's state is reported by the outbox and consumer-lag metrics instead.
 */
async function readiness(context: ServiceContext): Promise<Record<string, boolean>> {
  const database = await context.pool.query('select 1').then(
    () => true,
    () => false,
  )

  return { database }
}

function purgeTask(context: ServiceContext): BackgroundTask {
  let timer: NodeJS.Timeout | undefined

  return {
    start() {
      timer = setInterval(() => {
        purgeExpiredKeys(context.pool).catch((error: unknown) =>
          context.logger.warn({ err: error }, 'purging expired idempotency keys failed'),
        )
      }, PURGE_INTERVAL_MS)
      timer.unref()
    },
    async stop() {
      clearInterval(timer)
    },
  }
}
