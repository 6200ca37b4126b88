/** Who and what caused an event the ledger writes to its outbox. */
export interface EventCause {
  /** The user behind an HTTP command; null for what the ledger does on its own (postings). */
  actorId: string | null
  /** The HTTP request id, or the correlation id of the consumed event. */
  correlationId: string | null
  /** The consumed event's id, for events written by a consumer. */
  causationId: string | null
}
