import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { runBenchmark } from './run-benchmark.ts'
import { parseOptions, usage } from './options.ts'
import { rerender, writeReports, type BenchReport } from './report.ts'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))

const options = parseOptions(process.argv.slice(2))
if (options === undefined) {
  console.log(usage)
  process.exit(0)
}

try {
  const report =
    options.render === undefined
      ? await runBenchmark(options, (line) => console.log(`bench: ${line}`))
      : rerender(
          JSON.parse(readFileSync(resolve(options.render), 'utf8')) as BenchReport,
          options.p99BudgetMs,
        )
  const outDir = resolve(repoRoot, options.outDir)
  writeReports(report, outDir)
  formatReports(outDir)
  console.log(`bench: wrote ${outDir}/report.json and report.md`)
  for (const target of report.targets) {
    console.log(
      `bench: ${target.met ? 'met   ' : 'MISSED'} ${target.name}: ${target.measured} (aim ${target.target})`,
    )
  }
} catch (error) {
  console.error('bench: failed', error)
  process.exitCode = 1
}

/** The committed reports pass the repository's format check like every other file. */
function formatReports(outDir: string): void {
  const prettier = join(repoRoot, 'node_modules', '.bin', 'prettier')
  if (!existsSync(prettier)) {
    return
  }

  const files = ['report.json', 'report.md'].map((file) => join(outDir, file))
  spawnSync(prettier, ['--write', '--log-level', 'warn', ...files], { cwd: repoRoot, stdio: 'inherit' })
}
