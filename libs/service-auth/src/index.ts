export { isRole, requireRole, roles, type Principal, type Role } from './principal.ts'
export {
  createInternalTokenVerifier,
  INTERNAL_ISSUER,
  signInternalToken,
  type InternalTokenOptions,
  type InternalTokenVerifier,
} from './internal-token.ts'
export { principalOf, registerServiceAuth } from './fastify-plugin.ts'
