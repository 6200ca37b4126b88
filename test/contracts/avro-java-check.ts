import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

const repoRoot = resolve(import.meta.dirname, '..', '..')
const toolDir = join(repoRoot, 'tools', 'avro-java-check')
const pom = join(toolDir, 'pom.xml')
const program = join(toolDir, 'AvroCheck.java')
/** Git ignores `.local/`; Maven's cache there is shared with the Kafka runtime the infra tooling fetches. */
const localDir = join(repoRoot, '.local')
const mavenRepository = join(localDir, 'm2')

/** What Apache Avro made of one message file. */
export type JavaDecoding = { ok: true; json: string } | { ok: false; reason: string }

/**
 * The folder of Apache Avro's jars, fetched from Maven Central on first use. It is named after the
 * pom's hash, so changing the Avro version fetches again instead of running stale jars.
 */
export async function ensureAvroJars(report: (line: string) => void = console.info): Promise<string> {
  const digest = createHash('sha256').update(readFileSync(pom)).digest('hex').slice(0, 12)
  const libs = join(localDir, 'avro-java-check', `libs-${digest}`)
  if (existsSync(libs)) {
    return libs
  }

  const started = performance.now()
  // Maven writes into a private folder that is renamed into place at the end, so an interrupted
  // fetch leaves nothing half-done behind and two runs fetching at once cannot mix their jars.
  const partial = `${libs}.${process.pid}.partial`
  mkdirSync(partial, { recursive: true })
  report(
    'avro-java-check: fetching org.apache.avro:avro and its runtime jars from Maven Central (first run only)',
  )
  const ticker = setInterval(() => {
    const seconds = Math.round((performance.now() - started) / 1000)
    report(`avro-java-check: still fetching (${seconds} s)`)
  }, 10_000)
  try {
    await run(
      'mvn',
      [
        '-B',
        '-q',
        '-ntp',
        '-Dstyle.color=never',
        '-f',
        pom,
        `-Dmaven.repo.local=${mavenRepository}`,
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${partial}`,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    )
    moveIntoPlace(partial, libs)
  } catch (error) {
    throw new Error(`fetching Apache Avro with Maven (mvn on PATH) failed: ${messageOf(error)}`, {
      cause: error,
    })
  } finally {
    clearInterval(ticker)
    rmSync(partial, { recursive: true, force: true })
  }

  const jars = readdirSync(libs).filter((name) => name.endsWith('.jar')).length
  report(
    `avro-java-check: ${jars} jars in ${relative(repoRoot, libs)} after ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )

  return libs
}

/**
 * Decodes every given single-object message file with Apache Avro's `BinaryMessageDecoder`, in one
 * JVM, reading the schema files from `schemaFolder`. Answers per file name.
 */
export async function decodeWithJava(
  libs: string,
  schemaFolder: string,
  messageFiles: string[],
): Promise<Map<string, JavaDecoding>> {
  const java = process.env['JAVA_HOME'] ? join(process.env['JAVA_HOME'], 'bin', 'java') : 'java'
  const args = [
    // A short-lived check: the JIT's top tier and a parallel collector only cost start-up time.
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Dslf4j.internal.verbosity=ERROR',
    '-cp',
    join(libs, '*'),
    program,
    schemaFolder,
    ...messageFiles,
  ]

  let stdout: string
  try {
    ;({ stdout } = await run(java, args, { maxBuffer: 64 * 1024 * 1024 }))
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string }
    // Exit code 1 means some messages did not decode; their lines say why.
    if (failed.code !== 1 || failed.stdout === undefined) {
      throw new Error(`running ${java} AvroCheck.java (a JDK 17+ is needed) failed: ${messageOf(error)}`, {
        cause: error,
      })
    }

    stdout = failed.stdout
  }

  return parseDecodings(stdout)
}

function parseDecodings(stdout: string): Map<string, JavaDecoding> {
  const decodings = new Map<string, JavaDecoding>()
  for (const line of stdout.split('\n')) {
    const [status, file, detail] = line.split('\t')
    if (file === undefined || detail === undefined) {
      continue
    }

    decodings.set(file, status === 'ok' ? { ok: true, json: detail } : { ok: false, reason: detail })
  }

  return decodings
}

/** Another run that fetched at the same moment may have won the rename; its jars are as good. */
function moveIntoPlace(partial: string, libs: string): void {
  try {
    renameSync(partial, libs)
  } catch (error) {
    if (!existsSync(libs)) {
      throw error
    }
  }
}

/** execFile puts stderr in the message; Maven reports its errors on stdout. */
function messageOf(error: unknown): string {
  const { message, stdout } = error as { message?: string; stdout?: string }

  return [message, stdout].filter(Boolean).join('\n')
}
