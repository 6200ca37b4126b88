import type { Role } from '@pay/service-auth'

export type UpstreamName = 'request' | 'approval' | 'ledger' | 'audit'
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** How the body travels: JSON (the default), a multipart upload, or nothing (reads). */
export type BodyKind = 'json' | 'upload' | 'none'

export interface ForwardedRoute {
  method: HttpMethod
  /** Path below `/api/v1`, fastify style (`/batches/:batchId`); the owning service serves the same path. */
  path: string
  upstream: UpstreamName
  roles: readonly Role[]
  body: BodyKind
}

const EVERYONE: readonly Role[] = ['ADMIN', 'CREATOR', 'APPROVER', 'VIEWER']
const AUTHORS: readonly Role[] = ['ADMIN', 'CREATOR']
const DECIDERS: readonly Role[] = ['ADMIN', 'APPROVER']
const ADMINS: readonly Role[] = ['ADMIN']
// The audit trail is read by admins and by viewers, the read-only role auditors get.
const AUDIT_READERS: readonly Role[] = ['ADMIN', 'VIEWER']
// The specification names no readers for the journal; the ledger service lets finance (admins),
// approvers and viewers read it, and creators, who only prepare payments, not.
const JOURNAL_READERS: readonly Role[] = ['ADMIN', 'APPROVER', 'VIEWER']

const MASTER_DATA = ['clients', 'sites', 'vendor-types', 'vendors', 'subcontractor-scopes', 'subcontractors']

function route(
  method: HttpMethod,
  path: string,
  upstream: UpstreamName,
  roles: readonly Role[],
  body?: BodyKind,
) {
  return { method, path, upstream, roles, body: body ?? (method === 'GET' ? 'none' : 'json') }
}

/**
 * Every public route the gateway forwards: who owns it and which roles may call it. The owning
 * service checks roles and ownership again (a creator only sees their own batches); the gateway's
 * check keeps obviously forbidden calls from reaching it.
 */
export const forwardedRoutes: readonly ForwardedRoute[] = [
  route('GET', '/batches', 'request', EVERYONE),
  route('POST', '/batches', 'request', AUTHORS),
  route('GET', '/batches/:batchId', 'request', EVERYONE),
  route('POST', '/batches/:batchId/submit', 'request', AUTHORS),
  route('POST', '/batches/:batchId/cancel', 'request', AUTHORS),
  route('POST', '/batches/:batchId/requests', 'request', AUTHORS),
  route('GET', '/batches/:batchId/requests/:requestId', 'request', EVERYONE),
  route('PATCH', '/batches/:batchId/requests/:requestId', 'request', AUTHORS),
  route('GET', '/batches/:batchId/soa-export', 'request', EVERYONE),
  route('GET', '/requests', 'request', EVERYONE),
  route('GET', '/requests/:requestId', 'request', EVERYONE),
  route('POST', '/requests/:requestId/mark-paid', 'request', ADMINS),
  route('GET', '/requests/:requestId/soa', 'request', EVERYONE),
  route('POST', '/requests/:requestId/soa', 'request', AUTHORS, 'upload'),
  route('GET', '/requests/:requestId/soa/:version/download', 'request', EVERYONE),

  route('POST', '/requests/:requestId/approve', 'approval', DECIDERS),
  route('POST', '/requests/:requestId/reject', 'approval', DECIDERS),
  route('GET', '/requests/:requestId/approvals', 'approval', EVERYONE),
  route('GET', '/approvals/queue', 'approval', DECIDERS),
  route('GET', '/approvals/policies', 'approval', EVERYONE),
  route('PUT', '/approvals/policies/:currency', 'approval', ADMINS),

  ...MASTER_DATA.flatMap((kind) => [
    route('GET', `/ledger/${kind}`, 'ledger', EVERYONE),
    route('POST', `/ledger/${kind}`, 'ledger', ADMINS),
    route('GET', `/ledger/${kind}/:id`, 'ledger', EVERYONE),
    route('PATCH', `/ledger/${kind}/:id`, 'ledger', ADMINS),
  ]),
  route('GET', '/ledger/accounts', 'ledger', JOURNAL_READERS),
  route('GET', '/ledger/accounts/:accountId', 'ledger', JOURNAL_READERS),
  route('GET', '/ledger/accounts/:accountId/entries', 'ledger', JOURNAL_READERS),
  route('GET', '/ledger/trial-balance', 'ledger', JOURNAL_READERS),

  route('GET', '/audit', 'audit', AUDIT_READERS),
  route('GET', '/audit/verify', 'audit', AUDIT_READERS),
]

/** POST, PUT, PATCH and DELETE change something and so need an Idempotency-Key. */
export function isMutation(method: string): boolean {
  return method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE'
}

/** `/batches/:batchId` → `/batches/{batchId}`, as OpenAPI writes path parameters. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
}
