import type { BatchStatus } from './state-machine.ts'

export interface Batch {
  id: string
  /** Insertion order; lists page by it. */
  seq: bigint
  title: string
  status: BatchStatus
  createdBy: string
  version: bigint
  createdAt: Date
  updatedAt: Date
  submittedAt: Date | null
  processingStartedAt: Date | null
  completedAt: Date | null
}
