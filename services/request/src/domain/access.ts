import { commonError } from '@pay/errors'
import type { Principal } from '@pay/service-auth'

/**
 * Who may see and change batches. A creator sees only the batches they created: another's batch
 * is reported as not found rather than forbidden, so its existence is not disclosed.
 */
export function canSeeBatch(principal: Principal, createdBy: string): boolean {
  return principal.role !== 'CREATOR' || principal.userId === createdBy
}

/** Only creators (of their own batches) and admins change batches, their requests and their SOAs. */
export function requireBatchWriter(principal: Principal): void {
  if (principal.role !== 'CREATOR' && principal.role !== 'ADMIN') {
    throw commonError('FORBIDDEN', `role ${principal.role} may not change batches`)
  }
}

/** The creator filter a list must apply for this principal, or undefined for every batch. */
export function ownerFilterOf(principal: Principal): string | undefined {
  return principal.role === 'CREATOR' ? principal.userId : undefined
}
