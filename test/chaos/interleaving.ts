import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Spreads the faults over the workload: fault k strikes once batch t(k) has started, and no batch
 * after t(k) starts before fault k struck. So every fault hits batches in the middle of their lives,
 * and every fault has later batches that must get through its aftermath, however fast either side is.
 */
export class Interleaving {
  readonly #thresholds: number[]
  readonly #batches: number
  #claimed = 0
  #started = 0
  #struck = 0

  constructor(batches: number, faults: number) {
    this.#batches = batches
    this.#thresholds = Array.from({ length: faults }, (_, k) =>
      Math.floor(((k + 1) * batches) / (faults + 1)),
    )
  }

  /** The index of the next batch to run, once the faults due before it struck; undefined when all ran. */
  async nextBatch(): Promise<number | undefined> {
    const index = this.#claimed
    if (index >= this.#batches) return undefined

    this.#claimed += 1
    const due = this.#thresholds.filter((threshold) => threshold < index).length
    while (this.#struck < due) {
      await sleep(50)
    }
    this.#started = Math.max(this.#started, index + 1)

    return index
  }

  /** Resolves when fault `k` may strike. */
  async awaitTurn(k: number): Promise<void> {
    while (this.#started <= (this.#thresholds[k] ?? 0)) {
      await sleep(50)
    }
  }

  struck(): void {
    this.#struck += 1
  }
}
