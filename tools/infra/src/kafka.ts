import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { Kafka, logLevel } from 'kafkajs'
import { findJava } from './java.ts'
import { localDir } from './paths.ts'
import { isPortFree } from './ports.ts'
import { commandLineContains, isAlive, stopProcess, tailOf } from './processes.ts'
import { runOrThrow } from './run-command.ts'
import type { Report } from './report.ts'

/** Kafka 4.x runs on Java 17+, speaks the protocol versions kafkajs 2.2.4 uses, and needs no ZooKeeper. */
export const defaultKafkaVersion = '4.4.0'
const defaultKafkaPort = 19092
const minimumJava = 17
const dependencyPlugin = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1'
const probeTopic = 'pay-infra-probe'
const brokerMainClass = 'kafka.Kafka'

export interface KafkaSettings {
  version: string
  port: number
  controllerPort: number
}

export interface KafkaBroker extends KafkaSettings {
  pid: number
  brokers: string[]
  logFile: string
}

export function kafkaSettings(env: NodeJS.ProcessEnv = process.env): KafkaSettings {
  const port = env['KAFKA_PORT'] ? Number(env['KAFKA_PORT']) : defaultKafkaPort
  if (!Number.isInteger(port) || port <= 0 || port >= 65535)
    throw new Error(`KAFKA_PORT=${env['KAFKA_PORT']} is not a port`)

  return { version: env['KAFKA_VERSION'] ?? defaultKafkaVersion, port, controllerPort: port + 1 }
}

function kafkaHome(version: string): string {
  return join(localDir, 'kafka', version)
}

/**
 * Fetches the broker and its runtime dependencies from Maven Central once; later starts find the
 * jars in place and need no network.
 */
export async function ensureKafkaRuntime(version: string, report: Report): Promise<string> {
  const home = kafkaHome(version)
  const libs = join(home, 'libs')
  const complete = join(libs, '.complete')
  if (existsSync(complete)) return libs

  rmSync(libs, { recursive: true, force: true })
  mkdirSync(home, { recursive: true })
  const pom = join(home, 'pom.xml')
  writeFileSync(pom, runtimePom(version))
  const maven = ['-B', '-ntp', '-f', pom, `-Dmaven.repo.local=${join(localDir, 'm2')}`]
  const started = performance.now()

  report(
    `kafka: fetching kafka_2.13:${version} and its runtime dependencies from Maven Central (first run only)`,
  )
  const ticker = startProgressTicker(join(localDir, 'm2'), report)
  try {
    await runOrThrow('mvn', [
      ...maven,
      `${dependencyPlugin}:copy-dependencies`,
      '-DincludeScope=runtime',
      `-DoutputDirectory=${libs}`,
    ])
    // Kafka 4.x logs through slf4j 1.7 but ships no binding; the log4j2 one must match log4j-core.
    const log4jVersion = versionOfJar(libs, 'log4j-core')
    if (log4jVersion && !versionOfJar(libs, 'log4j-slf4j-impl')) {
      await runOrThrow('mvn', [
        ...maven,
        `${dependencyPlugin}:copy`,
        `-Dartifact=org.apache.logging.log4j:log4j-slf4j-impl:${log4jVersion}`,
        `-DoutputDirectory=${libs}`,
      ])
    }
  } finally {
    clearInterval(ticker)
  }

  writeFileSync(complete, `${new Date().toISOString()}\n`)
  const jars = readdirSync(libs).filter((name) => name.endsWith('.jar')).length
  report(`kafka: ${jars} jars in ${libs} after ${secondsSince(started)}`)

  return libs
}

function runtimePom(version: string): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.pay.infra</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>${version}</version>
    </dependency>
  </dependencies>
</project>
`
}

function versionOfJar(libs: string, artifact: string): string | undefined {
  const pattern = new RegExp(`^${artifact}-(\\d[^-]*)\\.jar$`)

  return readdirSync(libs)
    .map((name) => pattern.exec(name)?.[1])
    .find((version) => version !== undefined)
}

/** Maven runs quietly; a line every few seconds shows the download is moving. */
function startProgressTicker(repository: string, report: Report): NodeJS.Timeout {
  const started = Date.now()

  return setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000)
    report(`kafka: still fetching (${seconds}s, ${countJars(repository)} jars in the local Maven repository)`)
  }, 10_000)
}

function countJars(dir: string): number {
  if (!existsSync(dir)) return 0

  return readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith('.jar')).length
}

function serverProperties(settings: KafkaSettings, dataDir: string): string {
  const { port, controllerPort } = settings

  return `${[
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    // One node: every internal topic must be satisfied by a single replica or groups and transactions hang.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=10',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // Tests start consumer groups constantly; the default 3 s wait would add up.
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    'delete.topic.enable=true',
  ].join('\n')}\n`
}

function log4jProperties(logFile: string): string {
  return `${[
    'status = warn',
    'appender.file.type = File',
    'appender.file.name = file',
    `appender.file.fileName = ${logFile}`,
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = WARN',
    'rootLogger.appenderRef.file.ref = file',
  ].join('\n')}\n`
}

/** Starts a detached single-node KRaft broker and resolves once it accepts a produce. */
export async function startKafka(settings: KafkaSettings, report: Report): Promise<KafkaBroker> {
  const home = kafkaHome(settings.version)
  const libs = await ensureKafkaRuntime(settings.version, report)
  const { java, major } = findJava(minimumJava)
  const dataDir = join(home, 'data')
  const logsDir = join(home, 'logs')
  const config = join(home, 'server.properties')
  const log4jConfig = join(home, 'log4j2.properties')
  const logFile = join(logsDir, 'broker.log')
  const stdoutFile = join(logsDir, 'broker-stdout.log')
  mkdirSync(logsDir, { recursive: true })
  writeFileSync(config, serverProperties(settings, dataDir))
  writeFileSync(log4jConfig, log4jProperties(logFile))

  for (const port of [settings.port, settings.controllerPort]) {
    if (!(await isPortFree(port))) {
      throw new Error(`port ${port} is taken by something else; set KAFKA_PORT to another port`)
    }
  }

  const jvm = [
    '-Xms256m',
    '-Xmx512m',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4jConfig}`,
  ]
  const classpath = ['-cp', join(libs, '*')]

  if (!existsSync(join(dataDir, 'meta.properties'))) {
    // A KRaft cluster id is 16 random bytes in URL-safe base64.
    const clusterId = randomBytes(16).toString('base64url')
    const formatting = performance.now()
    await runOrThrow(java, [
      ...jvm,
      ...classpath,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      config,
    ])
    report(`kafka: formatted storage for cluster ${clusterId} in ${secondsSince(formatting)}`)
  }

  report(`kafka: starting broker ${settings.version} on 127.0.0.1:${settings.port} (Java ${major})`)
  const out = openSync(stdoutFile, 'a')
  const child = spawn(
    java,
    [...jvm, ...classDataSharing(home, major), ...classpath, brokerMainClass, config],
    {
      cwd: home,
      detached: true,
      stdio: ['ignore', out, out],
    },
  )
  closeSync(out)
  child.unref()
  const pid = child.pid
  if (pid === undefined) throw new Error(`could not start ${java}`)

  writeFileSync(join(home, 'broker.pid'), `${pid}\n`)
  const broker: KafkaBroker = { ...settings, pid, brokers: [`127.0.0.1:${settings.port}`], logFile }
  const launched = performance.now()
  await waitForKafka(broker, [logFile, stdoutFile])
  report(`kafka: broker accepted a produce ${secondsSince(launched)} after launch`)
  // Only a courtesy to the first consumers: a broker that is up but still loading its groups (after a
  // restart under load) is started all the same, and must be recorded as such by the caller.
  await warmUpGroupCoordinator(broker.brokers).catch((error: unknown) =>
    report(`kafka: the group coordinator is not ready yet (${String(error)}); consumers will wait for it`),
  )

  return broker
}

/**
 * Java 19+ saves the classes the broker loaded into an archive when it exits and maps it on later
 * starts: measured here, the JVM's CPU time until the broker accepts a produce fell from about 9 s
 * to 5 s. Only the broker gets it; a format run would fill the archive with the wrong classes.
 */
function classDataSharing(home: string, javaMajor: number): string[] {
  if (javaMajor < 19) return []

  return [
    '-XX:+AutoCreateSharedArchive',
    `-XX:SharedArchiveFile=${join(home, `broker-java${javaMajor}.jsa`)}`,
  ]
}

async function waitForKafka(broker: KafkaBroker, logFiles: string[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!isAlive(broker.pid)) throw new Error(`the Kafka broker exited during start\n${logTails(logFiles)}`)

    if (await kafkaAnswers(broker.brokers)) return

    await sleep(250)
  }

  await stopProcess(broker.pid, 10_000)
  throw new Error(`the Kafka broker did not accept a produce within ${timeoutMs} ms\n${logTails(logFiles)}`)
}

function secondsSince(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`
}

function logTails(files: string[]): string {
  return files
    .filter((file) => existsSync(file))
    .map((file) => `--- ${file}\n${tailOf(readFileSync(file, 'utf8'))}`)
    .join('\n')
}

/** True when the broker takes a produce to a small probe topic: listening alone is not enough. */
export async function kafkaAnswers(brokers: string[], timeoutMs = 3_000): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'pay-infra-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  })
  const producer = kafka.producer({ allowAutoTopicCreation: true })
  try {
    await producer.connect()
    await producer.send({ topic: probeTopic, acks: 1, timeout: timeoutMs, messages: [{ value: 'probe' }] })
    return true
  } catch {
    return false
  } finally {
    await producer.disconnect().catch(() => undefined)
  }
}

/**
 * Looking up a group coordinator makes the broker create __consumer_offsets now, rather than
 * during the first test's consumer join, which would then log "group coordinator not available".
 */
async function warmUpGroupCoordinator(brokers: string[]): Promise<void> {
  const kafka = new Kafka({
    clientId: 'pay-infra-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    // A restarted broker answers NOT_COORDINATOR while it reloads __consumer_offsets.
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 },
  })
  const admin = kafka.admin()
  await admin.connect()
  try {
    await admin.describeGroups(['pay-infra-probe'])
  } finally {
    await admin.disconnect()
  }
}

export function isOurKafka(pid: number | undefined): pid is number {
  return isAlive(pid) && commandLineContains(pid, brokerMainClass)
}

export async function stopKafka(pid: number): Promise<void> {
  if (!isOurKafka(pid)) return

  // A single combined node shuts down in a few seconds; past that it is stuck, not slow.
  await stopProcess(pid, 30_000)
}
