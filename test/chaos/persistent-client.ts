import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'

import type { ApiClient } from '@pay/system'

export type CommandKind = 'createBatch' | 'addRequest' | 'submitBatch' | 'approve' | 'reject' | 'markPaid'

/** One command as the client saw it: every attempt went out under the same Idempotency-Key. */
export interface CommandRecord {
  kind: CommandKind
  actor: string
  key: string
  method: string
  path: string
  /** The final answer; undefined when none came within the bound. */
  status: number | undefined
  code: string | undefined
  attempts: number
  replayed: boolean
  /** Why each retried attempt was retried: `network`, `503 UNAVAILABLE`, … */
  retriedFor: string[]
  batchId?: string
  requestId?: string
  /**
   * Set on the commands whose first answer the client dropped on purpose, as a timeout or a broken
   * connection would: the retry must get that same answer back as a replay.
   */
  lostAnswer?: { status: number | undefined; body: string }
  /** The final answer's body, kept for the commands with a lost answer. */
  finalBody?: string
}

export interface Answer<T> {
  status: number
  body: T
}

/** Statuses a client retries: the command may not have run, or its answer was lost on the way. */
const retryableCodes = new Set([
  'IDEMPOTENCY_IN_PROGRESS',
  'LOCK_TIMEOUT',
  'RATE_LIMITED',
  'UPSTREAM_FAILED',
  'UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'INTERNAL',
])

/**
 * A client that keeps going through outages as a careful real one would: a command that got no
 * answer, or a 5xx, 429 or "still running" one, is sent again with the same Idempotency-Key until a
 * final answer comes or the bound passes. Every command lands in the journal, answered or not.
 */
export class PersistentClient {
  readonly actor: string
  readonly journal: CommandRecord[]
  readonly #api: ApiClient
  readonly #boundMs: number
  readonly #loseEvery: number
  #sent = 0

  /** `loseEvery`: drop the first answer of every n-th command (0: never). */
  constructor(
    actor: string,
    api: ApiClient,
    journal: CommandRecord[],
    options: { boundMs: number; loseEvery: number },
  ) {
    this.actor = actor
    this.#api = api
    this.journal = journal
    this.#boundMs = options.boundMs
    this.#loseEvery = options.loseEvery
  }

  async command<T>(
    kind: CommandKind,
    path: string,
    body: unknown,
    target: { batchId?: string; requestId?: string } = {},
  ): Promise<Answer<T> & { record: CommandRecord }> {
    const record: CommandRecord = {
      kind,
      actor: this.actor,
      key: randomUUID(),
      method: 'POST',
      path,
      status: undefined,
      code: undefined,
      attempts: 0,
      replayed: false,
      retriedFor: [],
      ...target,
    }
    this.journal.push(record)
    const deadline = Date.now() + this.#boundMs
    this.#sent += 1
    if (this.#loseEvery > 0 && this.#sent % this.#loseEvery === 0) {
      record.attempts += 1
      const lost = await this.#attempt(path, body, record.key)
      record.lostAnswer = { status: lost.status, body: JSON.stringify(lost.body) }
      record.retriedFor.push('answer dropped by the client')
    }

    for (;;) {
      record.attempts += 1
      const outcome = await this.#attempt<T>(path, body, record.key)
      const retryable =
        outcome.reason !== undefined || retryableCodes.has(outcome.code ?? '') || (outcome.status ?? 0) >= 500
      if (!retryable || Date.now() >= deadline) {
        record.status = outcome.status
        record.code = outcome.code
        record.replayed = outcome.replayed
        if (record.lostAnswer !== undefined) record.finalBody = JSON.stringify(outcome.body)
        const id = (outcome.body as { id?: unknown } | undefined)?.id
        if (typeof id === 'string' && record.status === 201) {
          if (kind === 'createBatch') record.batchId = id
          if (kind === 'addRequest') record.requestId = id
        }

        return { status: outcome.status ?? 0, body: outcome.body as T, record }
      }

      record.retriedFor.push(outcome.reason ?? `${outcome.status} ${outcome.code ?? ''}`.trim())
      await sleep(Math.min(2_000, 100 * 2 ** Math.min(record.attempts, 5)))
    }
  }

  /** A GET that answers undefined instead of failing: the caller polls until the system converges. */
  async read<T>(path: string): Promise<T | undefined> {
    try {
      const response = await this.#api.call<T>('GET', path)
      return response.status === 200 ? response.body : undefined
    } catch {
      return undefined
    }
  }

  async #attempt<T>(
    path: string,
    body: unknown,
    key: string,
  ): Promise<{
    status?: number
    code?: string
    body?: T
    replayed: boolean
    reason?: string
  }> {
    try {
      const response = await this.#api.call<T>('POST', path, { body, idempotencyKey: key })
      const problem = response.body as { code?: unknown } | undefined
      const code = typeof problem?.code === 'string' ? problem.code : undefined

      return {
        status: response.status,
        code,
        body: response.body,
        replayed: response.headers.get('idempotent-replayed') === 'true',
      }
    } catch (error) {
      return { replayed: false, reason: `network: ${error instanceof Error ? error.message : String(error)}` }
    }
  }
}
