/** Kafka topics of the product, one per publishing bounded context. */
export const topics = {
  identity: 'payments.identity.v1',
  requests: 'payments.requests.v1',
  approvals: 'payments.approvals.v1',
  masterData: 'payments.master-data.v1',
  journal: 'payments.journal.v1',
} as const

export type Topic = (typeof topics)[keyof typeof topics]

export interface TopicSettings {
  partitions: number
  /** Compacted topics keep the latest message per key: state, not history. */
  compacted: boolean
}

/**
 * How each topic is created. Six partitions let up to six replicas of a consumer share the work;
 * ordering is per key, so it never depends on the count. Master data is compacted so that a new
 * consumer can rebuild current state from the topic alone.
 */
export const topicSettings: Record<Topic, TopicSettings> = {
  [topics.identity]: { partitions: 6, compacted: false },
  [topics.requests]: { partitions: 6, compacted: false },
  [topics.approvals]: { partitions: 6, compacted: false },
  [topics.masterData]: { partitions: 6, compacted: true },
  [topics.journal]: { partitions: 6, compacted: false },
}

/** Which topic carries each event type; the schema files live in the folder named after the topic. */
export const eventTopics = {
  UserCreated: topics.identity,
  UserChanged: topics.identity,
  SecurityEventRecorded: topics.identity,

  BatchCreated: topics.requests,
  BatchSubmitted: topics.requests,
  BatchProcessingStarted: topics.requests,
  BatchCompleted: topics.requests,
  BatchCancelled: topics.requests,
  RequestCreated: topics.requests,
  RequestUpdated: topics.requests,
  RequestSubmitted: topics.requests,
  RequestStatusChanged: topics.requests,
  RequestPaid: topics.requests,
  SoaDocumentAdded: topics.requests,

  RequestQueuedForApproval: topics.approvals,
  ApprovalVoteRecorded: topics.approvals,
  RequestApproved: topics.approvals,
  RequestRejected: topics.approvals,
  ApprovalPolicyChanged: topics.approvals,

  ClientChanged: topics.masterData,
  SiteChanged: topics.masterData,
  VendorTypeChanged: topics.masterData,
  VendorChanged: topics.masterData,
  SubcontractorScopeChanged: topics.masterData,
  SubcontractorChanged: topics.masterData,

  AccountOpened: topics.journal,
  JournalEntryPosted: topics.journal,
} as const satisfies Record<string, Topic>

export type EventType = keyof typeof eventTopics

export const eventTypes = Object.keys(eventTopics) as EventType[]

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(eventTopics, value)
}

export function topicOf(eventType: EventType): Topic {
  return eventTopics[eventType]
}

/** The event types a topic carries; an unknown topic carries none. */
export function eventTypesOf(topic: string): EventType[] {
  return eventTypes.filter((eventType) => eventTopics[eventType] === topic)
}

/** The schema folder of a topic: `payments.master-data.v1` keeps its files in `master-data/`. */
export function schemaFolderOf(topic: Topic): string {
  return topic.split('.')[1] ?? topic
}
