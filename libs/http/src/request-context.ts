import type { Logger } from '@pay/logging'
import type { FastifyInstance, FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user's id once an auth hook called `bindUser`; null before. */
    userId: string | null
    /** Records the authenticated user and adds `userId` to every later log line of this request. */
    bindUser(userId: string): void
  }
}

export function installRequestContext(app: FastifyInstance): void {
  app.decorateRequest('userId', null)
  app.decorateRequest('bindUser', function (this: FastifyRequest, userId: string) {
    this.userId = userId
    // The request's logger is its own child (see childLoggerFactory), so rebinding it in
    // place also reaches reply.log, which fastify's completion log line is written with.
    ;(this.log as Logger).setBindings({ userId })
  })
}
