import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { describe, expect, it } from 'vitest'

/*
 * Every pattern below is assembled from pieces so that this file does not match itself.
 */

const repoRoot = join(import.meta.dirname, '..')

/** Tracked files plus new ones git would track, so a check fails before the commit, not after. */
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
  cwd: repoRoot,
  encoding: 'utf8',
})
  .split('\0')
  .filter((file) => file !== '' && existsSync(join(repoRoot, file)))

const maxTextBytes = 2 * 1024 * 1024
const contents = new Map<string, string | undefined>()

/** Undefined for binary or oversized files, which no content rule applies to. */
function textOf(file: string): string | undefined {
  if (contents.has(file)) return contents.get(file)

  const path = join(repoRoot, file)
  const buffer = statSync(path).size > maxTextBytes ? undefined : readFileSync(path)
  const text =
    buffer === undefined || buffer.subarray(0, 8000).includes(0) ? undefined : buffer.toString('utf8')
  contents.set(file, text)

  return text
}

/** `file:line: text` for every line of `candidates` that matches `pattern`. */
function offendingLines(candidates: string[], pattern: RegExp): string[] {
  return candidates.flatMap((file) =>
    (textOf(file) ?? '')
      .split('\n')
      .flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  )
}

const codeAndConfigExtensions = new Set(
  [
    'ts',
    'mts',
    'cts',
    'js',
    'mjs',
    'cjs',
    'json',
    'yaml',
    'yml',
    'toml',
    'sh',
    'sql',
    'avsc',
    'conf',
    'properties',
  ].map((extension) => `.${extension}`),
)
const configNames = new Set([
  '.npmrc',
  '.gitignore',
  '.prettierignore',
  'Dockerfile',
  'Makefile',
  '.env.example',
])

function isCodeOrConfig(file: string): boolean {
  return codeAndConfigExtensions.has(extname(file)) || configNames.has(basename(file))
}

function isTestFile(file: string): boolean {
  return /\.(test|spec)\.[cm]?[jt]s$/.test(file)
}

function isProductSource(file: string): boolean {
  return /^(services|libs)\/[^/]+\/src\//.test(file)
}

describe('repository hygiene', () => {
  it('should find the tracked files', () => {
    expect(files).toContain('package.json')
  })

  it('should not hard-code home or machine paths in code and config', () => {
    const roots = ['home', 'root', 'Users'].map((dir) => ['', dir, ''].join('/'))
    const pattern = new RegExp(roots.map((root) => root.replaceAll('/', '\\/')).join('|'))

    expect(offendingLines(files.filter(isCodeOrConfig), pattern)).toEqual([])
  })

  it('should not contain debug artifacts', () => {
    const artifact = new RegExp(
      [
        ['\\.', 'log$'].join(''),
        ['(^|/)', 'debug', '[^/]*\\.txt$'].join(''),
        ['(^|/)\\.', 'DS_', 'Store$'].join(''),
        ['\\.', '(heapsnapshot|heapprofile|hprof|cpuprofile)$'].join(''),
        ['(^|/)', 'core\\.\\d+$'].join(''),
      ].join('|'),
    )

    expect(files.filter((file) => artifact.test(file))).toEqual([])
  })

  it('should not print with the console or stop in the debugger in services and libs', () => {
    const consoleCall = ['\\bconsole\\.', '(log|debug)', '\\s*\\('].join('')
    const debuggerStatement = ['(^|[;{}]|\\s)', 'debug', 'ger', '\\s*(;|$)'].join('')
    const pattern = new RegExp(`${consoleCall}|${debuggerStatement}`)

    expect(offendingLines(files.filter(isProductSource), pattern)).toEqual([])
  })

  it('should not leave focused or skipped tests behind', () => {
    const modifiers = [['on', 'ly'].join(''), ['sk', 'ip'].join('')].join('|')
    const chained = `\\b(it|test|describe|suite|bench)(\\.\\w+)*\\.(${modifiers})\\b`
    // Only at the start of a statement, so that prose such as "does not fit (…)" in a comment passes.
    const prefixed = `^\\s*(f${'it'}|f${'describe'}|x${'it'}|x${'describe'}|x${'test'})\\s*\\(`
    const pattern = new RegExp(`${chained}|${prefixed}`)

    expect(offendingLines(files.filter(isTestFile), pattern)).toEqual([])
  })

  it('should not contain private keys', () => {
    const keyBlock = new RegExp(['-----BEGIN ', '([A-Z]+ )*', 'PRIVATE KEY', '-----'].join(''))

    expect(offendingLines(files, keyBlock)).toEqual([])
  })

  it('should not contain environment files other than .env.example', () => {
    const envFile = new RegExp(['^\\.', 'env', '(\\..+)?$'].join(''))
    const allowed = ['.', 'env', '.example'].join('')

    expect(files.filter((file) => envFile.test(basename(file)) && basename(file) !== allowed)).toEqual([])
  })
})
