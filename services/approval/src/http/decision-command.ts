import type { PoolClient } from '@pay/db'
import { appendToOutbox } from '@pay/messaging'

import { insertRecord } from '../db/records.ts'
import { lockItem, updateItemStatus } from '../db/items.ts'
import { insertVote, listVotes } from '../db/votes.ts'
import type { ItemStatus, VoteDecision } from '../domain/approval-item.ts'
import { decide } from '../domain/decision.ts'
import { approvalError } from '../errors.ts'
import {
  approvalVoteRecorded,
  requestApproved,
  requestRejected,
  type EventOrigin,
} from '../events/approval-events.ts'
import { historyView } from './views.ts'

export interface DecisionInput {
  requestId: string
  approverId: string
  decision: VoteDecision
  comment: string | null
  correlationId: string
  now: Date
}

// A decision waiting this long behind another one on the same request gives up with 409 LOCK_TIMEOUT.
const LOCK_WAIT = '5s'

/**
 * Records one approver's approve or reject. The item's row lock serialises every decision on the
 * request: the first one changes it, the ones waiting behind it then find it decided (409).
 */
export async function recordDecision(client: PoolClient, input: DecisionInput) {
  await client.query(`set local lock_timeout = '${LOCK_WAIT}'`)
  const item = await lockItem(client, input.requestId)
  if (item === undefined) {
    throw approvalError('REQUEST_NOT_QUEUED')
  }

  const votes = await listVotes(client, item.requestId)
  const result = decide(item, votes, input)
  const origin: EventOrigin = {
    actorId: input.approverId,
    correlationId: input.correlationId,
    causationId: null,
  }
  await insertVote(client, item.requestId, result.vote)

  const status: ItemStatus = result.kind === 'VOTE_RECORDED' ? 'PENDING' : result.kind
  const version = await updateItemStatus(client, item, status)
  switch (result.kind) {
    case 'VOTE_RECORDED':
      await appendToOutbox(client, [
        approvalVoteRecorded(item, version, result.vote, result.approvalCount, origin),
      ])
      break
    case 'APPROVED':
      await insertRecord(client, item.requestId, result.record)
      await appendToOutbox(client, [
        requestApproved(item, version, result.record, result.approverIds, origin),
      ])
      break
    case 'REJECTED':
      await insertRecord(client, item.requestId, result.record)
      await appendToOutbox(client, [
        requestRejected(item, version, result.record, result.priorApproverIds, origin),
      ])
      break
  }

  const record = result.kind === 'VOTE_RECORDED' ? undefined : result.record
  return historyView({ ...item, status, version }, [...votes, result.vote], record)
}
