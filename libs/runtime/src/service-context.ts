import type { Pool } from '@pay/db'
import type { Logger } from '@pay/logging'
import type { Kafka } from 'kafkajs'
import type { Registry } from 'prom-client'

import type { ServiceConfig } from './service-config.ts'

/** What a running service hands its routes, consumers and background tasks. */
export interface ServiceContext<Config extends ServiceConfig = ServiceConfig> {
  name: string
  config: Config
  logger: Logger
  pool: Pool
  kafka: Kafka
  registry: Registry
}
