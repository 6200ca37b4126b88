import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'

export interface JavaRuntime {
  java: string
  major: number
}

/** Where Debian-style machines keep their JDKs; searched only when JAVA_HOME is not set. */
const jvmRoot = '/usr/lib/jvm'

/**
 * Picks the JVM for the broker: JAVA_HOME when set, otherwise the newest JDK found on PATH or
 * under the system JVM folder, so the machine's newest runtime wins without naming a path.
 */
export function findJava(minimumMajor: number): JavaRuntime {
  const javaHome = process.env['JAVA_HOME']
  if (javaHome) {
    const runtime = describe(join(javaHome, 'bin', 'java'))
    if (!runtime || runtime.major < minimumMajor) {
      throw new Error(`JAVA_HOME=${javaHome} is not a Java ${minimumMajor}+ runtime`)
    }

    return runtime
  }

  const candidates = [...jdksUnder(jvmRoot), ...javaOnPath()]
  const usable = candidates
    .map(describe)
    .filter((runtime): runtime is JavaRuntime => runtime !== undefined && runtime.major >= minimumMajor)
    .sort((a, b) => b.major - a.major)
  const best = usable[0]
  if (!best) throw new Error(`no Java ${minimumMajor}+ runtime found; set JAVA_HOME`)

  return best
}

function jdksUnder(root: string): string[] {
  if (!existsSync(root)) return []

  return readdirSync(root).map((name) => join(root, name, 'bin', 'java'))
}

function javaOnPath(): string[] {
  return (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'java'))
}

function describe(javaPath: string): JavaRuntime | undefined {
  if (!existsSync(javaPath)) return undefined

  const java = realpathSync(javaPath)
  const major = majorFromReleaseFile(dirname(dirname(java))) ?? majorFromVersionOutput(java)

  return major === undefined ? undefined : { java, major }
}

function majorFromReleaseFile(home: string): number | undefined {
  const release = join(home, 'release')
  if (!existsSync(release)) return undefined

  const match = /^JAVA_VERSION="([^"]+)"/m.exec(readFileSync(release, 'utf8'))

  return match?.[1] ? parseMajor(match[1]) : undefined
}

function majorFromVersionOutput(java: string): number | undefined {
  // `java -version` prints to stderr.
  const { stderr } = spawnSync(java, ['-version'], { encoding: 'utf8' })
  const match = /version "([^"]+)"/.exec(stderr ?? '')

  return match?.[1] ? parseMajor(match[1]) : undefined
}

function parseMajor(version: string): number {
  const [first = '0', second = '0'] = version.split('.')

  // Java 8 and older report themselves as 1.x.
  return first === '1' ? Number(second) : Number(first)
}
