import { describe, expect, it } from 'vitest'

import { eventTypes, eventTypesOf, topicOf, topics } from '../src/index.ts'

describe('topicOf and eventTypesOf', () => {
  it('should place every event type on exactly one topic', () => {
    const listed = Object.values(topics).flatMap((topic) => eventTypesOf(topic))

    expect(listed.toSorted()).toEqual(eventTypes.toSorted())
    for (const eventType of eventTypes) {
      expect(eventTypesOf(topicOf(eventType))).toContain(eventType)
    }
  })

  it('should route each context to its topic', () => {
    expect(topicOf('SecurityEventRecorded')).toBe('payments.identity.v1')
    expect(topicOf('RequestSubmitted')).toBe('payments.requests.v1')
    expect(topicOf('RequestApproved')).toBe('payments.approvals.v1')
    expect(topicOf('SubcontractorChanged')).toBe('payments.master-data.v1')
    expect(topicOf('JournalEntryPosted')).toBe('payments.journal.v1')
  })

  it('should list no event type for a topic it does not know', () => {
    expect(eventTypesOf('payments.unknown.v1')).toEqual([])
  })
})
