import { commonError } from '@pay/errors'

import { approvalError } from '../errors.ts'
import {
  approverIdsOf,
  type ApprovalItem,
  type ApprovalRecord,
  type Vote,
  type VoteDecision,
} from './approval-item.ts'

export interface DecisionCommand {
  approverId: string
  decision: VoteDecision
  comment: string | null
  now: Date
}

/** What one approver's say did to a request. */
export type DecisionResult =
  | { kind: 'VOTE_RECORDED'; vote: Vote; approvalCount: number }
  | { kind: 'APPROVED'; vote: Vote; record: ApprovalRecord; approverIds: string[] }
  | { kind: 'REJECTED'; vote: Vote; record: ApprovalRecord; priorApproverIds: string[] }

/**
 * Applies one approver's approve or reject to an item and the votes it already has. The creator is
 * refused first, so that segregation of duties holds whatever state the item is in. A rejection is
 * final at once; approvals count until the number the item was queued with is reached.
 */
export function decide(item: ApprovalItem, votes: readonly Vote[], command: DecisionCommand): DecisionResult {
  if (command.approverId === item.createdBy) {
    throw approvalError('SELF_APPROVAL_FORBIDDEN')
  }

  if (item.status === 'CLOSED') {
    throw approvalError('REQUEST_CLOSED')
  }

  if (item.status !== 'PENDING') {
    throw approvalError('ALREADY_DECIDED', `the request has already been ${item.status.toLowerCase()}`)
  }

  if (votes.some((vote) => vote.approverId === command.approverId)) {
    throw approvalError('ALREADY_VOTED', 'this approver has already voted; another approver must decide')
  }

  if (command.decision === 'REJECT' && (command.comment === null || command.comment.trim() === '')) {
    throw commonError('VALIDATION_FAILED', 'a rejection needs a comment', {
      fields: [{ path: 'comment', message: 'required' }],
    })
  }

  const vote: Vote = {
    approverId: command.approverId,
    decision: command.decision,
    comment: command.comment,
    votedAt: command.now,
  }
  const priorApproverIds = approverIdsOf(votes)
  const record = (outcome: ApprovalRecord['outcome']): ApprovalRecord => ({
    outcome,
    decidedBy: command.approverId,
    comment: command.comment,
    requiredApprovals: item.requiredApprovals,
    policyThreshold: item.policyThreshold,
    decidedAt: command.now,
  })

  if (command.decision === 'REJECT') {
    return { kind: 'REJECTED', vote, record: record('REJECTED'), priorApproverIds }
  }

  const approverIds = [...priorApproverIds, command.approverId]
  if (approverIds.length < item.requiredApprovals) {
    return { kind: 'VOTE_RECORDED', vote, approvalCount: approverIds.length }
  }

  return { kind: 'APPROVED', vote, record: record('APPROVED'), approverIds }
}
