import { createLogger, type DestinationStream } from '@pay/logging'
import { Registry } from 'prom-client'

import { createHttpServer, type HttpServerOptions } from '../src/index.ts'

export interface LogSink extends DestinationStream {
  lines: Record<string, unknown>[]
  raw: string[]
}

export function logSink(): LogSink {
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

/** A server as a service would build it, with its log lines and metrics kept for assertions. */
export function buildApp(options: Partial<HttpServerOptions> = {}) {
  const sink = logSink()
  const registry = new Registry()
  const app = createHttpServer({
    logger: createLogger({ service: 'test', level: 'debug', destination: sink }),
    serviceName: 'test',
    metricsRegistry: registry,
    ...options,
  })
  return { app, sink, registry }
}
