import type { HttpServer } from '@pay/http'
import type { ServiceContext } from '@pay/runtime'

import { registerDecisionRoutes } from './decision-routes.ts'
import { registerPolicyRoutes } from './policy-routes.ts'
import { registerQueryRoutes } from './query-routes.ts'

export function registerRoutes(app: HttpServer, context: ServiceContext): void {
  registerDecisionRoutes(app, context)
  registerQueryRoutes(app, context)
  registerPolicyRoutes(app, context)
}
