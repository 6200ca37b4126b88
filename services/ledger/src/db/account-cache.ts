import type { Account } from '../domain/accounts.ts'

const DEFAULT_CAPACITY = 10_000

/**
 * Accounts by code, so that posting does not look up the same few accounts for every event.
 * Safe because an account, once committed, never disappears and never changes its id, code, kind
 * or currency. Only accounts read back as already existing go in: one opened by the current
 * transaction might still roll back.
 */
export class AccountCache {
  readonly #byCode = new Map<string, Account>()
  readonly #capacity: number

  constructor(capacity = DEFAULT_CAPACITY) {
    this.#capacity = capacity
  }

  get(code: string): Account | undefined {
    return this.#byCode.get(code)
  }

  rememberCommitted(account: Account): void {
    if (this.#byCode.size >= this.#capacity) {
      this.#byCode.clear()
    }

    this.#byCode.set(account.code, account)
  }
}
