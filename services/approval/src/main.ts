import { loadConfigOrExit } from '@pay/config'
import { startService } from '@pay/runtime'

import { approvalConfigSchema, approvalService } from './service.ts'

await startService(approvalService, loadConfigOrExit(approvalConfigSchema))
