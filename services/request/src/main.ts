import { loadConfigOrExit } from '@pay/config'
import { startService } from '@pay/runtime'

import { requestConfigSchema, requestService } from './service.ts'

await startService(requestService, loadConfigOrExit(requestConfigSchema))
