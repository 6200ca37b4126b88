export { runBenchmark } from './run-benchmark.ts'
export { parseOptions, usage, type BenchOptions } from './options.ts'
export { writeReports, type BenchReport, type Target } from './report.ts'
