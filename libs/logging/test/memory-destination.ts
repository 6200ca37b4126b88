import type { DestinationStream } from '../src/index.ts'

/** Collects log lines in memory, parsed and raw, so tests can assert on both. */
export function memoryDestination(): DestinationStream & { lines: Record<string, unknown>[]; raw: string[] } {
  const lines: Record<string, unknown>[] = []
  const raw: string[] = []
  return {
    lines,
    raw,
    write(line: string) {
      raw.push(line)
      lines.push(JSON.parse(line) as Record<string, unknown>)
    },
  }
}
