import type { HttpServer } from '@pay/http'
import { decodeCursor, pageOf, pageQuerySchema } from '@pay/pagination'
import { idempotent } from '@pay/runtime'
import { principalOf } from '@pay/service-auth'
import { z } from 'zod'

import { findUserById, listUsers } from '../db/users.ts'
import { gatewayError } from '../errors.ts'
import type { Gateway } from '../gateway.ts'
import {
  changeUserCommand,
  createUserCommand,
  preparePassword,
  requireSomeChange,
  userConstraints,
} from '../users/user-commands.ts'
import { toUserView } from '../users/user-view.ts'
import { passwordFingerprint } from './password-fingerprint.ts'
import { changeUserBody, createUserBody, userIdParams, userPage, userView } from './schemas.ts'

const TAGS = ['users']
const ADMINS = { roles: ['ADMIN'] } as const
const cursorSchema = z.string().max(64)

export function registerUserRoutes(api: HttpServer, gateway: Gateway): void {
  const { service } = gateway

  api.get(
    '/users/me',
    { schema: { tags: TAGS, summary: 'The signed-in user', response: { 200: userView } } },
    async (request) => {
      const user = await findUserById(service.pool, principalOf(request).userId)
      if (user === undefined) {
        throw gatewayError('USER_NOT_FOUND')
      }

      return toUserView(user)
    },
  )

  api.get(
    '/users',
    {
      config: { access: ADMINS },
      schema: {
        tags: TAGS,
        summary: 'Users in username order',
        querystring: pageQuerySchema,
        response: { 200: userPage },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query
      const after = cursor === undefined ? undefined : decodeCursor(cursor, cursorSchema)
      const rows = await listUsers(service.pool, limit, after)

      return pageOf(rows, limit, toUserView, (user) => user.username)
    },
  )

  api.post(
    '/users',
    {
      config: { access: ADMINS },
      schema: { tags: TAGS, summary: 'Create a user', body: createUserBody, response: { 201: userView } },
    },
    async (request, reply) => {
      const { password, ...input } = request.body
      const passwordHash = await preparePassword(gateway, { username: input.username, password })
      const command = createUserCommand(gateway, principalOf(request), input, passwordHash, request.id)

      return idempotent(request, reply, service, command, {
        constraints: userConstraints,
        fingerprint: { ...input, password: passwordFingerprint(gateway.config.JWT_SECRET, password) },
      })
    },
  )

  api.patch(
    '/users/:id',
    {
      config: { access: ADMINS },
      schema: {
        tags: TAGS,
        summary: 'Change a user’s role, activity or display name; deactivation ends their sessions at once',
        params: userIdParams,
        body: changeUserBody,
        response: { 200: userView },
      },
    },
    async (request, reply) => {
      requireSomeChange(request.body)
      const command = changeUserCommand(
        gateway,
        principalOf(request),
        request.params.id,
        request.body,
        request.id,
      )

      return idempotent(request, reply, service, command)
    },
  )
}
