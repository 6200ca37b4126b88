// A relay in a process of its own, so a test can SIGKILL it mid-batch.
import { createPool } from '@pay/db'
import { createLogger } from '@pay/logging'

import { createKafka, OutboxRelay } from '../../src/index.ts'

const logger = createLogger({ service: 'relay-process', level: 'silent' })
const pool = createPool({
  connectionString: process.env.RELAY_DATABASE_URL!,
  schema: process.env.RELAY_SCHEMA!,
  max: 3,
})
const kafka = createKafka({
  clientId: 'relay-process',
  brokers: process.env.RELAY_BROKERS!.split(','),
  logger,
})
const relay = new OutboxRelay({
  pool,
  kafka,
  schema: process.env.RELAY_SCHEMA!,
  topicPrefix: process.env.RELAY_TOPIC_PREFIX!,
  logger,
  batchSize: 40,
  pollIntervalMs: 200,
  standbyIntervalMs: 200,
})
relay.start()

process.once('SIGTERM', () => {
  void relay.stop().then(() => pool.end())
})
