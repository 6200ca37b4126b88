import { fileURLToPath } from 'node:url'

import { topics } from '@pay/contracts'
import type { ServiceContext, ServiceDefinition } from '@pay/runtime'

import type { GatewayConfig } from './config.ts'
import { createGateway, type Gateway } from './gateway.ts'
import { housekeepingTask } from './housekeeping.ts'
import { registerPublicApi } from './http/public-api.ts'
import { Upstreams } from './upstream/upstreams.ts'
import { ensureFirstAdmin } from './users/first-admin.ts'

export { gatewayConfigSchema, type GatewayConfig } from './config.ts'

export interface GatewayOptions {
  /** The clock for tokens, sessions and login windows; tests pass a fake one. */
  now?: () => Date
}

/**
 * The gateway: users, tokens and the public API. It authenticates end users itself (so the
 * runtime's internal-token check is off) and forwards everything it does not own to the owning
 * service with a short-lived internal token.
 */
export function gatewayService(options: GatewayOptions = {}): ServiceDefinition<GatewayConfig> {
  const now = options.now ?? (() => new Date())
  const gateways = new WeakMap<ServiceContext<GatewayConfig>, Gateway>()
  const gatewayOf = (context: ServiceContext<GatewayConfig>) => {
    const gateway = gateways.get(context) ?? createGateway(context, now)
    gateways.set(context, gateway)
    return gateway
  }

  return {
    name: 'gateway',
    auth: 'none',
    migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
    publishes: [{ topic: topics.identity }],
    init: (context) => ensureFirstAdmin(gatewayOf(context)),
    async routes(app, context) {
      const { config } = context
      const upstreams = new Upstreams({
        urls: {
          request: config.REQUEST_SERVICE_URL,
          approval: config.APPROVAL_SERVICE_URL,
          ledger: config.LEDGER_SERVICE_URL,
          audit: config.AUDIT_SERVICE_URL,
        },
        timeoutMs: config.UPSTREAM_TIMEOUT_MS,
        connections: config.UPSTREAM_CONNECTIONS,
      })
      app.addHook('onClose', () => upstreams.close())
      await registerPublicApi(app, gatewayOf(context), upstreams)
    },
    tasks: (context) => [housekeepingTask(context, now)],
  }
}
