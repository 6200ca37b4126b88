/** Who and what caused an event: the envelope fields that do not come from the aggregate. */
export interface EventCause {
  /** The user acting; null when the system acts on its own (a background render). */
  actorId: string | null
  /** The HTTP request id, or the correlation id of the event being handled. */
  correlationId: string | null
  /** The id of the event being handled, for events a consumer emits. */
  causationId: string | null
}
