import type { DestinationStream } from '@pay/logging'

/** A pino destination that keeps every line, parsed, for assertions on what was logged. */
export class MemoryLog implements DestinationStream {
  readonly lines: Record<string, unknown>[] = []

  write(line: string): void {
    this.lines.push(JSON.parse(line) as Record<string, unknown>)
  }

  get text(): string {
    return this.lines.map((line) => JSON.stringify(line)).join('\n')
  }
}
