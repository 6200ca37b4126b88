import { int, port } from '@pay/config'
import { withServiceConfig } from '@pay/runtime'
import { z } from 'zod'

const MIB = 1024 * 1024

export const requestConfigSchema = withServiceConfig({
  PORT: port(8081),
  /** Where uploaded and generated SOA files are kept; relative paths resolve against the working directory. */
  SOA_STORAGE_DIR: z.string().min(1).default('.local/soa'),
  /** Largest accepted SOA upload in bytes. */
  SOA_MAX_BYTES: int({ min: 1, max: 100 * MIB, default: 10 * MIB }),
  /** Pause of the batch-SOA renderer when it has nothing to do. */
  SOA_RENDER_POLL_MS: int({ min: 10, max: 60_000, default: 500 }),
})

export type RequestConfig = z.output<typeof requestConfigSchema>
