import { commonError } from '@pay/errors'
import type { HttpServer } from '@pay/http'
import { appendToOutbox } from '@pay/messaging'
import { AmountError, amountSchema, currencySchema, parseAmount, type Currency } from '@pay/money'
import { idempotent, type ServiceContext } from '@pay/runtime'
import { principalOf, requireRole } from '@pay/service-auth'
import { z } from 'zod'

import { listPolicies, lockPolicy, savePolicy } from '../db/policies.ts'
import { approvalPolicyChanged } from '../events/approval-events.ts'
import { policyView } from './views.ts'

const params = z.strictObject({ currency: currencySchema })
const body = z.strictObject({ threshold: amountSchema })

export function registerPolicyRoutes(app: HttpServer, context: ServiceContext): void {
  app.get('/approvals/policies', async (request) => {
    principalOf(request)
    const policies = await listPolicies(context.pool)

    // A handful of currencies at most: one page always holds them all.
    return { items: policies.map(policyView), nextCursor: null }
  })

  /**
   * Sets the dual-control threshold of a currency (ADMIN). Items already queued keep the policy
   * they were queued with; the new threshold applies to requests queued from now on.
   */
  app.put('/approvals/policies/:currency', { schema: { params, body } }, async (request, reply) => {
    const principal = principalOf(request)
    requireRole(principal, 'ADMIN')
    const { currency } = request.params
    const threshold = thresholdOf(request.body.threshold, currency)

    return idempotent(request, reply, context, async (client) => {
      const previous = await lockPolicy(client, currency)
      if (previous?.threshold === threshold) {
        return { status: 200, body: policyView(previous) }
      }

      const policy = await savePolicy(client, { currency, threshold, updatedBy: principal.userId })
      const origin = { actorId: principal.userId, correlationId: request.id, causationId: null }
      await appendToOutbox(client, [approvalPolicyChanged(policy, previous?.threshold ?? null, origin)])

      return { status: previous === undefined ? 201 : 200, body: policyView(policy) }
    })
  })
}

function thresholdOf(text: string, currency: Currency): bigint {
  try {
    return parseAmount(text, currency)
  } catch (error) {
    if (error instanceof AmountError) {
      throw commonError('VALIDATION_FAILED', undefined, {
        fields: [{ path: 'threshold', message: error.message }],
      })
    }
    throw error
  }
}
