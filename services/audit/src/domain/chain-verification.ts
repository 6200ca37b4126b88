import type { AuditEntry } from './audit-record.ts'
import { linkBreakOf, type ChainLink, type LinkBreak } from './hash-chain.ts'

export interface ChainReport {
  intact: boolean
  /** Entries examined: all of them when intact, else up to and including the first broken one. */
  checked: number
  /** Event id of the first entry that does not follow its predecessor. */
  firstBrokenId?: string
  firstBrokenSequence?: number
  reason?: LinkBreak
}

/**
 * Walks the chain one page at a time, in sequence order, remembering only the last link, so a
 * chain of any length is checked in constant memory. Stops at the first broken link.
 */
export class ChainVerification {
  #last: ChainLink | undefined
  #checked = 0
  #broken: { entry: AuditEntry; reason: LinkBreak } | undefined

  /** The sequence after which the next page starts. */
  get position(): bigint {
    return this.#last?.sequence ?? 0n
  }

  get finished(): boolean {
    return this.#broken !== undefined
  }

  /** Checks the next entries; returns false once a broken link is found. */
  check(entries: readonly AuditEntry[]): boolean {
    for (const entry of entries) {
      if (this.#broken !== undefined) {
        return false
      }

      this.#checked += 1
      const reason = linkBreakOf(entry, this.#last)
      if (reason !== undefined) {
        this.#broken = { entry, reason }
        return false
      }

      this.#last = { sequence: entry.sequence, hash: entry.hash }
    }

    return this.#broken === undefined
  }

  report(): ChainReport {
    if (this.#broken === undefined) {
      return { intact: true, checked: this.#checked }
    }

    const { entry, reason } = this.#broken

    return {
      intact: false,
      checked: this.#checked,
      firstBrokenId: entry.eventId,
      firstBrokenSequence: Number(entry.sequence),
      reason,
    }
  }
}
