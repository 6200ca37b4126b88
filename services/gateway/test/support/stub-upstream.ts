import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: Buffer
}

export type StubHandler = (request: RecordedRequest, response: ServerResponse) => void

/** A stand-in for a service: records what arrives and answers with `handler` (JSON echo by default). */
export class StubUpstream {
  readonly name: string
  readonly received: RecordedRequest[] = []
  handler: StubHandler
  #server: Server | undefined

  constructor(name: string) {
    this.name = name
    this.handler = (request, response) => this.echo(request, response)
  }

  async start(): Promise<string> {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const recorded = {
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks),
        }
        this.received.push(recorded)
        this.handler(recorded, response)
      })
    })
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))

    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
  }

  echo(request: RecordedRequest, response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', etag: '"7"' })
    response.end(JSON.stringify({ upstream: this.name, method: request.method, url: request.url }))
  }

  last(): RecordedRequest {
    const request = this.received.at(-1)
    if (request === undefined) {
      throw new Error(`the ${this.name} stub received nothing`)
    }

    return request
  }

  reset(): void {
    this.received.length = 0
    this.handler = (request, response) => this.echo(request, response)
  }

  async stop(): Promise<void> {
    const server = this.#server
    if (server === undefined) {
      return
    }

    this.#server = undefined
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
