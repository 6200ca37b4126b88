import type { HttpServer } from '@pay/http'
import { z } from 'zod'

import { LoginRateLimited, login, logout, refresh } from '../auth/sessions.ts'
import { gatewayError } from '../errors.ts'
import type { Gateway } from '../gateway.ts'
import { clientInfoOf } from './client-info.ts'
import { loginBody, refreshTokenBody, tokenPair } from './schemas.ts'

const TAGS = ['auth']

/** Login, refresh and logout: open to anyone, and exempt from Idempotency-Key (a replay would hand out tokens). */
export function registerAuthRoutes(api: HttpServer, gateway: Gateway): void {
  api.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Log in; answers an access token and a refresh token',
        body: loginBody,
        response: { 200: tokenPair },
      },
    },
    async (request, reply) => {
      try {
        return await login(gateway, request.body, clientInfoOf(request))
      } catch (error) {
        if (error instanceof LoginRateLimited) {
          reply.header('retry-after', String(error.retryAfterSeconds))
          throw gatewayError('LOGIN_RATE_LIMITED')
        }
        throw error
      }
    },
  )

  api.post(
    '/auth/refresh',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Exchange a refresh token for a new pair; the old refresh token is spent',
        body: refreshTokenBody,
        response: { 200: tokenPair },
      },
    },
    async (request) => refresh(gateway, request.body.refreshToken, clientInfoOf(request)),
  )

  api.post(
    '/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'End the session of a refresh token',
        body: refreshTokenBody,
        response: { 204: z.null().describe('the session has ended') },
      },
    },
    async (request, reply) => {
      await logout(gateway, request.body.refreshToken, clientInfoOf(request))
      return reply.code(204).send(null)
    },
  )
}
