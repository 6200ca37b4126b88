import { Transform, type TransformCallback } from 'node:stream'

/** Passes a request body through and fails it once it grows past `limit` bytes. */
export class BodyLimit extends Transform {
  readonly #limit: number
  #seen = 0
  exceeded = false

  constructor(limit: number) {
    super()
    this.#limit = limit
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#seen += chunk.length
    if (this.#seen > this.#limit) {
      this.exceeded = true
      callback(new Error(`request body larger than ${this.#limit} bytes`))
      return
    }

    callback(null, chunk)
  }
}
