import { STATUS_CODES } from 'node:http'

import { commonError, isAppError, type AppError, type FieldError } from '@pay/errors'
import type { FastifyReply, FastifyRequest } from 'fastify'

import { REQUEST_ID_HEADER } from './request-id.ts'

/** An RFC 9457 problem document as every error response carries it. */
export interface Problem {
  type: string
  title: string
  status: number
  code: string
  detail: string
  requestId: string
  errors?: FieldError[]
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

interface ValidationIssue {
  instancePath: string
  message?: string
  keyword: string
  params: Record<string, unknown>
}

interface FrameworkError extends Error {
  code?: string
  statusCode?: number
  validation?: ValidationIssue[]
  validationContext?: string
}

const CODE_BY_STATUS: Record<number, Parameters<typeof commonError>[0]> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
}

/**
 * Maps anything thrown while handling a request onto an AppError: AppErrors as they are,
 * schema validation to VALIDATION_FAILED with field errors, fastify's own 4xx errors to the
 * common code for their status, and everything else to INTERNAL, which reveals nothing.
 */
export function toAppError(thrown: unknown): AppError {
  if (isAppError(thrown)) {
    return thrown
  }

  const error = thrown as FrameworkError
  if (Array.isArray(error?.validation)) {
    return commonError('VALIDATION_FAILED', undefined, {
      fields: error.validation.flatMap((issue) => fieldErrors(issue, error.validationContext)),
    })
  }

  if (isOutage(thrown)) {
    return commonError('UNAVAILABLE', undefined, { cause: thrown })
  }

  const status = error?.statusCode
  if (typeof status !== 'number' || status < 400 || status >= 500) {
    return commonError('INTERNAL', undefined, { cause: thrown })
  }

  // fastify's content-type parser errors (empty JSON body, bad content-length…) concern the
  // body; its other 400s (a malformed URL) concern the request as a whole
  if (status === 400) {
    const code = error.code?.startsWith('FST_ERR_CTP_') ? 'MALFORMED_BODY' : 'VALIDATION_FAILED'
    return commonError(code, undefined, { cause: thrown })
  }

  const code = CODE_BY_STATUS[status]
  if (code === undefined) {
    return commonError('VALIDATION_FAILED', undefined, { cause: thrown })
  }

  return commonError(code, undefined, { cause: thrown })
}

/**
 * The database went away under the request (a restart, a failover): SQLSTATE class 08 and the
 * shutdown codes 57P01-57P03, or the socket's own error. Nothing the caller did, and a retry with
 * the same Idempotency-Key is safe, so 503 rather than 500.
 */
function isOutage(thrown: unknown): boolean {
  const code = (thrown as { code?: unknown } | undefined)?.code
  if (typeof code !== 'string') {
    return false
  }

  return code.startsWith('08') || ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET'].includes(code)
}

/**
 * The problem document for an error. A 500's own message is replaced by the generic one
 * even when the error is an AppError: whoever raised it may have put internals in it.
 */
export function problemOf(error: AppError, requestId: string): Problem {
  const problem: Problem = {
    type: 'about:blank',
    title: STATUS_CODES[error.status] ?? 'Error',
    status: error.status,
    code: error.code,
    detail: error.status === 500 ? commonError.codes.INTERNAL.message : error.message,
    requestId,
  }
  if (error.fields !== undefined && error.fields.length > 0) {
    problem.errors = error.fields
  }
  return problem
}

/**
 * Logs and sends the problem for an error. A 5xx is logged with the full error at `error`
 * level and answered with the generic message only; a 4xx is the caller's mistake and is
 * logged at `info` with its code.
 */
export function sendProblem(thrown: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const error = toAppError(thrown)
  if (error.status >= 500) {
    request.log.error({ err: thrown, code: error.code }, 'request failed')
  } else {
    request.log.info({ code: error.code, status: error.status }, 'request rejected')
  }

  return reply
    .code(error.status)
    .header(REQUEST_ID_HEADER, request.id)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemOf(error, request.id)))
}

function fieldErrors(issue: ValidationIssue, context = 'body'): FieldError[] {
  const base = issue.instancePath.split('/').filter((segment) => segment !== '')
  const prefix = context === 'body' ? [] : [context === 'querystring' ? 'query' : context]
  if (issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params.keys)) {
    return issue.params.keys.map((key) => ({
      path: [...prefix, ...base, String(key)].join('.'),
      message: 'unknown field',
    }))
  }

  const path = [...prefix, ...base].join('.') || context
  const missing = issue.keyword === 'invalid_type' && issue.message?.endsWith('received undefined')
  return [{ path, message: missing ? 'required' : (issue.message ?? 'invalid') }]
}
