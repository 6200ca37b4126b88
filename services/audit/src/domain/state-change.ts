import type { EventMessage, EventType, PayloadOf } from '@pay/contracts'

import { toJsonValue, type JsonObject } from './json-value.ts'

/** The entity's state before and after the event, as far as the event tells; null where it does not. */
export interface StateChange {
  previous: JsonObject | null
  current: JsonObject | null
}

type AnyEvent = { [T in EventType]: { type: T; payload: PayloadOf<T> } }[EventType]

const unknown: StateChange = { previous: null, current: null }

/**
 * Reads the state change an event carries: status transitions (`fromStatus` → `toStatus`), a
 * user's previous and current settings, approval counts and decisions, policy thresholds, the
 * lifecycle of master data. Nothing is guessed beyond what the event type itself states (a
 * `RequestPaid` is the request becoming PAID); events that change no state give nulls.
 */
export function stateChangeOf(event: EventMessage): StateChange {
  const tagged = { type: event.envelope.eventType, payload: event.payload } as AnyEvent

  switch (tagged.type) {
    case 'UserCreated': {
      const { displayName, role, active } = tagged.payload

      return { previous: null, current: { displayName, role, active } }
    }
    case 'UserChanged':
      return { previous: plain(tagged.payload.previous), current: plain(tagged.payload.current) }
    case 'BatchCreated':
    case 'RequestCreated':
    case 'RequestUpdated':
    case 'RequestSubmitted':
      return { previous: null, current: { status: tagged.payload.status } }
    case 'BatchSubmitted':
    case 'BatchProcessingStarted':
    case 'BatchCompleted':
    case 'BatchCancelled':
    case 'RequestStatusChanged':
      return { previous: { status: tagged.payload.fromStatus }, current: { status: tagged.payload.toStatus } }
    case 'RequestPaid':
      return { previous: null, current: { status: 'PAID' } }
    case 'RequestQueuedForApproval':
      return {
        previous: null,
        current: { approvalCount: 0, requiredApprovals: tagged.payload.requiredApprovals },
      }
    case 'ApprovalVoteRecorded': {
      const { approvalCount, requiredApprovals } = tagged.payload

      return { previous: { approvalCount: approvalCount - 1 }, current: { approvalCount, requiredApprovals } }
    }
    case 'RequestApproved':
      return { previous: null, current: { decision: 'APPROVED' } }
    case 'RequestRejected':
      return { previous: null, current: { decision: 'REJECTED' } }
    case 'ApprovalPolicyChanged':
      return {
        previous: plain({ threshold: tagged.payload.previousThreshold }),
        current: plain({ threshold: tagged.payload.threshold }),
      }
    case 'ClientChanged':
    case 'SiteChanged':
    case 'VendorTypeChanged':
    case 'VendorChanged':
    case 'SubcontractorScopeChanged':
    case 'SubcontractorChanged': {
      const { active, deactivatedAt, version } = tagged.payload

      return { previous: null, current: plain({ active, deactivatedAt, version }) }
    }
    case 'SecurityEventRecorded':
    case 'SoaDocumentAdded':
    case 'AccountOpened':
    case 'JournalEntryPosted':
      return unknown
  }
}

function plain(value: object): JsonObject {
  return toJsonValue(value) as JsonObject
}
