/** A clock that only moves when told to. */
export class FakeClock {
  #ms: number

  constructor(start = Date.now()) {
    this.#ms = start
  }

  readonly now = (): Date => new Date(this.#ms)

  advance(ms: number): void {
    this.#ms += ms
  }
}
