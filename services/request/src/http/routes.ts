import type { HttpServer } from '@pay/http'
import type { ServiceContext } from '@pay/runtime'

import type { SoaStorage } from '../soa/soa-storage.ts'
import { batchRoutes } from './batch-routes.ts'
import { requestRoutes } from './request-routes.ts'
import { soaRoutes } from './soa-routes.ts'

export async function registerRoutes(
  app: HttpServer,
  context: ServiceContext,
  soa: { storage: SoaStorage; maxBytes: number },
): Promise<void> {
  batchRoutes(app, context)
  requestRoutes(app, context)
  await soaRoutes(app, context, soa)
}
