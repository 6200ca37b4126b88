export { canonicalFormOf, fingerprintOf, type AvroSchema } from './canonical-form.ts'
export { decodeEvent, encodeEvent, schemaStore } from './codec.ts'
export { ContractError, isContractError, type ContractErrorCode } from './contract-error.ts'
export { newEnvelope, type Envelope, type EnvelopeSources, type NewEnvelope } from './envelope.ts'
export { isEventOf, type EventMessage, type PayloadOf } from './event-message.ts'
export type * from './payloads/index.ts'
export { rabinFingerprint } from './rabin-fingerprint.ts'
export { loadSchemaStore, type SchemaStore, type SchemaVersion } from './schema-store.ts'
export { SINGLE_OBJECT_MARKER } from './single-object.ts'
export {
  eventTopics,
  eventTypes,
  eventTypesOf,
  isEventType,
  topicOf,
  topics,
  topicSettings,
  type EventType,
  type Topic,
  type TopicSettings,
} from './topics.ts'
