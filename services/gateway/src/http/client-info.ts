import type { FastifyRequest } from 'fastify'

import type { ClientInfo } from '../auth/client-info.ts'

export function clientInfoOf(request: FastifyRequest): ClientInfo {
  const userAgent = request.headers['user-agent']

  return { ip: request.ip, userAgent: userAgent ?? null, requestId: request.id }
}
