import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { stateFile } from '@pay/infra'
import { defaultPorts, serviceNames, type ServiceName } from '@pay/system'

/** Where a running system lives and how to reach its data; every command takes a part of it. */
export interface Settings {
  gatewayUrl: string
  serviceUrls: Record<ServiceName, string>
  adminUser: string
  adminPassword: string | undefined
  databaseUrl: string | undefined
  /** Service schemas are `<schemaPrefix><service>`. */
  schemaPrefix: string
  kafkaBrokers: string[]
  /** Prepended to every topic and consumer group of the system. */
  topicPrefix: string
}

/** Command-line values as parsed; anything missing falls back to the environment, then `.local`. */
export interface SettingFlags {
  gateway?: string
  'admin-user'?: string
  'admin-password'?: string
  'database-url'?: string
  'schema-prefix'?: string
  'kafka-brokers'?: string
  'topic-prefix'?: string
}

const localDir = fileURLToPath(new URL('../../../.local/', import.meta.url))

export function resolveSettings(flags: SettingFlags, env: NodeJS.ProcessEnv = process.env): Settings {
  const infra = readJson<{ kafka?: { brokers?: string[] }; postgres?: { url?: string } }>(stateFile)
  const secrets = readJson<{ ADMIN_PASSWORD?: string }>(`${localDir}system/secrets.json`)
  const serviceUrls = Object.fromEntries(
    serviceNames.map((name) => [
      name,
      env[`PAYCTL_${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${defaultPorts[name]}`,
    ]),
  ) as Record<ServiceName, string>
  const gatewayUrl = flags.gateway ?? env.PAYCTL_GATEWAY ?? serviceUrls.gateway
  serviceUrls.gateway = gatewayUrl

  return {
    gatewayUrl: gatewayUrl.replace(/\/+$/, ''),
    serviceUrls,
    adminUser: flags['admin-user'] ?? env.PAYCTL_ADMIN_USER ?? 'admin',
    adminPassword: flags['admin-password'] ?? env.PAYCTL_ADMIN_PASSWORD ?? secrets?.ADMIN_PASSWORD,
    databaseUrl: flags['database-url'] ?? env.DATABASE_URL ?? infra?.postgres?.url,
    schemaPrefix: flags['schema-prefix'] ?? env.PAYCTL_SCHEMA_PREFIX ?? '',
    kafkaBrokers: splitList(flags['kafka-brokers'] ?? env.KAFKA_BROKERS) ?? infra?.kafka?.brokers ?? [],
    topicPrefix: flags['topic-prefix'] ?? env.PAYCTL_TOPIC_PREFIX ?? env.KAFKA_TOPIC_PREFIX ?? '',
  }
}

export function requireSetting<T>(value: T | undefined, what: string): T {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) {
    throw new UsageError(`missing ${what}`)
  }

  return value
}

/** A mistake of the caller (flags, configuration): printed without a stack, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

function splitList(text: string | undefined): string[] | undefined {
  if (text === undefined || text.trim() === '') {
    return undefined
  }

  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) {
    return undefined
  }

  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch {
    return undefined
  }
}
