import type { ConstraintErrors } from '@pay/db'

import { approvalError } from '../errors.ts'

/**
 * The constraints that back the row lock of a decision: if two decisions ever got past it, the
 * database still keeps one record per request and one vote per approver.
 */
export const decisionConstraints: ConstraintErrors = {
  approval_records_one_per_request: () => approvalError('ALREADY_DECIDED'),
  approval_votes_one_per_approver: () => approvalError('ALREADY_VOTED'),
}
