import { loadConfigOrExit } from '@pay/config'
import { startService } from '@pay/runtime'

import { ledgerConfigSchema, ledgerService } from './service.ts'

const config = loadConfigOrExit(ledgerConfigSchema)
await startService(ledgerService, config)
