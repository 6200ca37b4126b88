#!/usr/bin/env node
// payctl: operations commands against a running payment system (see ../README.md).
import { parseArgs, type ParseArgsConfig } from 'node:util'

import { listDeadLetters, replayDeadLetters } from './dead-letters.ts'
import {
  concurrencyText,
  deadLettersText,
  idempotencyText,
  introspectionText,
  invariantsText,
  replayText,
} from './human-output.ts'
import { introspect } from './introspect.ts'
import { checkInvariants } from './invariants/check-invariants.ts'
import { kafkaClient } from './kafka.ts'
import { probeConcurrency } from './probes/concurrency-probe.ts'
import { probeIdempotency } from './probes/idempotency-probe.ts'
import { requireSetting, resolveSettings, UsageError, type SettingFlags, type Settings } from './settings.ts'

type Options = NonNullable<ParseArgsConfig['options']>
type Values = Record<string, string | boolean | undefined>

interface Command {
  usage: string
  summary: string
  options: Options
  optionHelp: string
  /** Resolves to the exit code. */
  run: (settings: Settings, values: Values, json: boolean) => Promise<number>
}

const globalOptions: Options = {
  gateway: { type: 'string' },
  'admin-user': { type: 'string' },
  'admin-password': { type: 'string' },
  'database-url': { type: 'string' },
  'schema-prefix': { type: 'string' },
  'kafka-brokers': { type: 'string' },
  'topic-prefix': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
}

const globalHelp = `common options
  --gateway URL            gateway base URL (PAYCTL_GATEWAY; default http://127.0.0.1:8080)
  --admin-user NAME        admin username (PAYCTL_ADMIN_USER; default admin)
  --admin-password PW      admin password (PAYCTL_ADMIN_PASSWORD; default .local/system/secrets.json)
  --database-url URL       a role reading every service schema (DATABASE_URL; default the local cluster)
  --schema-prefix P        service schemas are <P><service> (PAYCTL_SCHEMA_PREFIX; default none)
  --kafka-brokers LIST     comma-separated (KAFKA_BROKERS; default the local broker)
  --topic-prefix P         prefix of topics and consumer groups (PAYCTL_TOPIC_PREFIX; default none)
  --json                   machine-readable output
  -h, --help               this help`

const commands: Record<string, Command> = {
  'probe invariants': {
    usage: 'payctl probe invariants [--settle-seconds S] [--outbox-max-age S]',
    summary: 'read-only checks across every service’s data; exit 1 on any violation',
    options: {
      'settle-seconds': { type: 'string', default: '10' },
      'outbox-max-age': { type: 'string', default: '30' },
    },
    optionHelp: `  --settle-seconds S       facts younger than S are not yet expected downstream (default 10)
  --outbox-max-age S       unpublished events older than S are a warning (default 30)`,
    run: async (settings, values, json) => {
      const report = await checkInvariants({
        databaseUrl: requireSetting(settings.databaseUrl, 'database URL (--database-url or DATABASE_URL)'),
        schemaPrefix: settings.schemaPrefix,
        kafkaBrokers: settings.kafkaBrokers,
        topicPrefix: settings.topicPrefix,
        gatewayUrl: settings.gatewayUrl,
        adminUser: settings.adminUser,
        adminPassword: settings.adminPassword,
        settleSeconds: numberOf(values['settle-seconds'], '--settle-seconds'),
        outboxMaxAgeSeconds: numberOf(values['outbox-max-age'], '--outbox-max-age'),
      })
      print(json ? report : invariantsText(report), json)

      return report.ok ? 0 : 1
    },
  },
  'probe idempotency': {
    usage: 'payctl probe idempotency [--repeats N]',
    summary: 'replays every kind of command with one key; exit 1 on any double effect or wrong answer',
    options: { repeats: { type: 'string', default: '5' } },
    optionHelp: '  --repeats N              sends of one key, in a row and at once (default 5)',
    run: async (settings, values, json) => {
      const report = await probeIdempotency({
        gatewayUrl: settings.gatewayUrl,
        adminUser: settings.adminUser,
        adminPassword: requireSetting(settings.adminPassword, 'admin password'),
        repeats: numberOf(values.repeats, '--repeats'),
      })
      print(json ? report : idempotencyText(report), json)

      return report.ok ? 0 : 1
    },
  },
  'probe concurrency': {
    usage: 'payctl probe concurrency [--clients N] [--approvers N]',
    summary: 'many clients race on the same command; exit 1 unless each race has exactly one winner',
    options: { clients: { type: 'string', default: '20' }, approvers: { type: 'string', default: '3' } },
    optionHelp: `  --clients N              racing clients per race (default 20)
  --approvers N            distinct approvers in the approval race (default 3)`,
    run: async (settings, values, json) => {
      const report = await probeConcurrency({
        gatewayUrl: settings.gatewayUrl,
        adminUser: settings.adminUser,
        adminPassword: requireSetting(settings.adminPassword, 'admin password'),
        clients: numberOf(values.clients, '--clients'),
        approvers: numberOf(values.approvers, '--approvers'),
      })
      print(json ? report : concurrencyText(report), json)

      return report.ok ? 0 : 1
    },
  },
  introspect: {
    usage: 'payctl introspect',
    summary: 'service health, outbox backlog, consumer lag per group, dead letters per topic',
    options: {},
    optionHelp: `  service URLs: PAYCTL_<SERVICE>_URL (default http://127.0.0.1:8080…8084)`,
    run: async (settings, _values, json) => {
      const view = await introspect(settings)
      print(json ? view : introspectionText(view), json)

      return view.services.every((service) => service.ok) ? 0 : 1
    },
  },
  'dlq list': {
    usage: 'payctl dlq list [--topic T]',
    summary: 'dead letters with their dlq-* headers and decoded event type and id',
    options: { topic: { type: 'string' } },
    optionHelp:
      '  --topic T                one dead-letter topic (default every payments.dlq.* under the prefix)',
    run: async (settings, values, json) => {
      const kafka = kafkaClient(requireSetting(settings.kafkaBrokers, 'Kafka brokers'))
      const letters = await listDeadLetters(kafka, settings.topicPrefix, values.topic as string | undefined)
      print(json ? letters : deadLettersText(letters), json)

      return 0
    },
  },
  'dlq replay': {
    usage: 'payctl dlq replay --topic T (--offset O [--partition P] | --all)',
    summary: 'republishes dead letters to their source topic, each at most once',
    options: {
      topic: { type: 'string' },
      offset: { type: 'string' },
      partition: { type: 'string' },
      all: { type: 'boolean', default: false },
    },
    optionHelp: `  --topic T                the dead-letter topic
  --offset O               replay the not yet replayed messages up to and including offset O
  --partition P            the partition of --offset (default 0)
  --all                    replay every message not replayed yet`,
    run: async (settings, values, json) => {
      const topic = values.topic as string | undefined
      const offset = values.offset as string | undefined
      if (topic === undefined || (offset === undefined) === (values.all !== true)) {
        throw new UsageError('give --topic and exactly one of --offset and --all')
      }

      const outcome = await replayDeadLetters(
        kafkaClient(requireSetting(settings.kafkaBrokers, 'Kafka brokers')),
        {
          topic,
          throughOffset: offset === undefined ? undefined : BigInt(numberOf(offset, '--offset') ?? 0),
          partition: offset === undefined ? undefined : (numberOf(values.partition, '--partition') ?? 0),
        },
      )
      print(json ? outcome : replayText(outcome), json)

      return 0
    },
  },
}

function overview(): string {
  const lines = Object.values(commands).map(
    (command) => `  ${command.usage.padEnd(62)}\n      ${command.summary}`,
  )

  return `usage: payctl <command> [options]   (each command takes --help)\n\ncommands\n${lines.join('\n')}\n\n${globalHelp}`
}

function numberOf(value: unknown, flag: string): number | undefined {
  if (value === undefined) {
    return undefined
  }

  const number = Number(value)
  if (!Number.isInteger(number) || number < 0) {
    throw new UsageError(`${flag} must be a whole number, got ${String(value)}`)
  }

  return number
}

function print(value: unknown, json: boolean): void {
  console.log(
    json
      ? JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item), 2)
      : value,
  )
}

async function main(argv: string[]): Promise<number> {
  const words = argv.filter((argument) => !argument.startsWith('-')).slice(0, 2)
  const name = [words.join(' '), words[0] ?? ''].find((candidate) => candidate in commands)
  if (name === undefined) {
    const wantsHelp = argv.length === 0 || argv.includes('--help') || argv.includes('-h')
    console.log(overview())

    return wantsHelp ? 0 : 2
  }

  const command = commands[name]!
  const { values } = parseArgs({
    args: argv,
    options: { ...globalOptions, ...command.options },
    allowPositionals: true,
    strict: true,
  })
  if (values.help === true) {
    console.log(
      `usage: ${command.usage}\n  ${command.summary}\n\noptions\n${command.optionHelp}\n\n${globalHelp}`,
    )

    return 0
  }

  const settings = resolveSettings(values as SettingFlags)

  return command.run(settings, values as Values, values.json === true)
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
    console.error(`payctl: ${error.message}`)
    process.exitCode = 2
  } else {
    console.error('payctl: failed:', error instanceof Error ? error.message : error)
    process.exitCode = 2
  }
}
