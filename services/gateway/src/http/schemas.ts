import { roles } from '@pay/service-auth'
import { z } from 'zod'

import { MAX_PASSWORD_LENGTH } from '../domain/password-policy.ts'
import { displayNameSchema, roleSchema, usernameSchema } from '../domain/user.ts'

export const loginBody = z.strictObject({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
})

export const refreshTokenBody = z.strictObject({
  refreshToken: z.string().min(1).max(512),
})

export const tokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().describe('seconds until the access token expires'),
})

export const createUserBody = z.strictObject({
  username: usernameSchema,
  password: z
    .string()
    .max(MAX_PASSWORD_LENGTH)
    .describe('at least 12 characters, not only digits, not common'),
  role: roleSchema,
  displayName: displayNameSchema,
})

export const changeUserBody = z.strictObject({
  role: roleSchema.optional(),
  active: z.boolean().optional(),
  displayName: displayNameSchema.optional(),
})

export const userIdParams = z.strictObject({ id: z.uuid() })

export const userView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  active: z.boolean(),
  version: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})

export const userPage = z.object({
  items: z.array(userView),
  nextCursor: z.string().nullable(),
})
