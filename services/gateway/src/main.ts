import { loadConfigOrExit } from '@pay/config'
import { startService } from '@pay/runtime'

import { gatewayConfigSchema, gatewayService } from './service.ts'

const config = loadConfigOrExit(gatewayConfigSchema)
await startService(gatewayService(), config)
