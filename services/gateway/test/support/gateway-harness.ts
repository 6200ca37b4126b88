import { loadConfig } from '@pay/config'
import { createLogger } from '@pay/logging'
import { startService, type RunningService } from '@pay/runtime'
import { createTestSchema, infra, uniqueName, type TestSchema } from '@pay/testkit'

import { gatewayConfigSchema, gatewayService, type GatewayConfig } from '../../src/service.ts'
import { FakeClock } from './fake-clock.ts'
import { MemoryLog } from './memory-log.ts'

export const INTERNAL_SECRET = 'internal-token-secret-for-gateway-tests-0123456789'
export const JWT_SECRET = 'user-token-secret-for-gateway-tests-abcdefghijklmn'
export const ADMIN = { username: 'admin', password: 'Tangerine-Orbit-Ladder-42' }

export interface GatewayHarness {
  service: RunningService<GatewayConfig>
  app: RunningService<GatewayConfig>['app']
  clock: FakeClock
  log: MemoryLog
  schema: TestSchema
  topicPrefix: string
  stop(): Promise<void>
}

/** The gateway in-process on its own schema and topic prefix, driven through `inject()`. */
export async function startGateway(env: Record<string, string | undefined> = {}): Promise<GatewayHarness> {
  const schema = await createTestSchema('gateway')
  const topicPrefix = `${uniqueName('gw')}.`
  const clock = new FakeClock()
  const log = new MemoryLog()
  const config = loadConfig(gatewayConfigSchema, {
    DATABASE_URL: schema.url,
    DATABASE_SCHEMA: schema.schema,
    KAFKA_BROKERS: infra().kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    INTERNAL_TOKEN_SECRET: INTERNAL_SECRET,
    JWT_SECRET,
    LOG_LEVEL: 'info',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    PASSWORD_SCRYPT_LOG_N: '14',
    DATABASE_POOL_SIZE: '5',
    ...env,
  })
  const logger = createLogger({ service: 'gateway', level: 'info', destination: log })

  try {
    const service = await startService(gatewayService({ now: clock.now }), config, { listen: false, logger })
    return {
      service,
      app: service.app,
      clock,
      log,
      schema,
      topicPrefix,
      async stop() {
        await service.stop()
        await schema.drop()
      },
    }
  } catch (error) {
    await schema.drop()
    throw error
  }
}
