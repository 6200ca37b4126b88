import type { Envelope } from './envelope.ts'
import type { Payloads } from './payloads/index.ts'
import type { EventType } from './topics.ts'

export type PayloadOf<T extends EventType> = Payloads[T]

/** One Kafka message value: the Avro record `{ envelope, payload }` of an event type. */
export interface EventMessage<T extends EventType = EventType> {
  envelope: Envelope & { eventType: T }
  payload: PayloadOf<T>
}

/** Narrows a decoded message to one event type (TypeScript cannot narrow on the nested `eventType`). */
export function isEventOf<T extends EventType>(
  message: EventMessage,
  eventType: T,
): message is EventMessage<T> {
  return message.envelope.eventType === eventType
}
