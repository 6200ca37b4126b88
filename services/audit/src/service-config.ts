import { int, port } from '@pay/config'
import { withServiceConfig } from '@pay/runtime'
import type { z } from 'zod'

export const auditConfigSchema = withServiceConfig({
  PORT: port(8084),
  /** Entries `GET /audit/verify` reads per query. */
  AUDIT_VERIFY_PAGE_SIZE: int({ min: 1, max: 10_000, default: 1_000 }),
})

export type AuditConfig = z.output<typeof auditConfigSchema>
