import type { ServiceContext } from '@pay/runtime'

import { accessTokens, type AccessTokens } from './auth/access-token.ts'
import type { GatewayConfig } from './config.ts'
import { MutationLimiter } from './domain/mutation-limiter.ts'
import { scryptParameters, type ScryptParameters } from './domain/password-hash.ts'

/** Everything the gateway's routes and use cases share, built once at start-up. */
export interface Gateway {
  service: ServiceContext<GatewayConfig>
  config: GatewayConfig
  /** The gateway's clock; tests pass a fake one to expire tokens without waiting. */
  now: () => Date
  tokens: AccessTokens
  hashing: ScryptParameters
  mutations: MutationLimiter
}

export function createGateway(service: ServiceContext<GatewayConfig>, now: () => Date): Gateway {
  const { config } = service

  return {
    service,
    config,
    now,
    tokens: accessTokens({
      secret: config.JWT_SECRET,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      now,
    }),
    hashing: scryptParameters(config.PASSWORD_SCRYPT_LOG_N),
    mutations: new MutationLimiter({ perMinute: config.MUTATIONS_PER_MINUTE, now }),
  }
}
