import { loadConfigOrExit } from '@pay/config'
import { startService } from '@pay/runtime'

import { auditConfigSchema, auditService } from './service.ts'

const config = loadConfigOrExit(auditConfigSchema)
await startService(auditService, config)
