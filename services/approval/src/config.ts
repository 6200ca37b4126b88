import { port } from '@pay/config'
import { withServiceConfig } from '@pay/runtime'
import { z } from 'zod'

import { parseThresholds } from './domain/thresholds.ts'

export const DEFAULT_THRESHOLDS = 'USD=10000.00,EUR=10000.00'

export const approvalConfigSchema = withServiceConfig({
  PORT: port(8082),
  /**
   * Dual-control thresholds seeded into the policy table for currencies that have none yet; an
   * admin's later change through the API wins over this on every restart.
   */
  DUAL_CONTROL_THRESHOLDS: z
    .string()
    .default(DEFAULT_THRESHOLDS)
    .transform((text, context) => {
      try {
        return parseThresholds(text)
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message })
        return z.NEVER
      }
    }),
})

export type ApprovalConfig = z.output<typeof approvalConfigSchema>
