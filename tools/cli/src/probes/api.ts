import { randomBytes, randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'

import { ApiClient, type ApiResponse, type CallOptions } from '@pay/system'

/**
 * A call through the gateway that waits out the per-user mutation limit (429 + Retry-After) and
 * sends the same request again, key included, as a well-behaved client would.
 */
export async function send<T = unknown>(
  client: ApiClient,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse<T>> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await client.call<T>(method, path, options)
    if (response.status !== 429 || attempt >= 5) {
      return response
    }

    await sleep(Math.min(Number(response.headers.get('retry-after') ?? '1'), 60) * 1_000)
  }
}

/** Like `send`, but anything other than `status` is an error. */
export async function must<T = unknown>(
  status: number,
  client: ApiClient,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<T> {
  const response = await send<T>(client, method, path, options)
  if (response.status !== status) {
    throw new Error(
      `${method} ${path}: expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`,
    )
  }

  return response.body
}

/** A multipart SOA upload (ApiClient speaks JSON only). */
export async function uploadSoa(
  client: ApiClient,
  requestId: string,
  file: { name: string; bytes: Buffer },
  key: string,
): Promise<ApiResponse<{ version?: number }>> {
  for (let attempt = 1; ; attempt += 1) {
    const form = new FormData()
    form.append('file', new Blob([file.bytes], { type: 'application/pdf' }), file.name)
    const response = await fetch(`${client.baseUrl}/api/v1/requests/${requestId}/soa`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.accessToken}`, 'idempotency-key': key },
      body: form,
    })
    const text = await response.text()
    const type = response.headers.get('content-type') ?? ''
    if (response.status !== 429 || attempt >= 5) {
      return {
        status: response.status,
        headers: response.headers,
        body: type.includes('json') && text.length > 0 ? JSON.parse(text) : text,
      }
    }

    await sleep(Math.min(Number(response.headers.get('retry-after') ?? '1'), 60) * 1_000)
  }
}

/** A small valid PDF whose bytes differ with `mark`. */
export function pdf(mark: string): Buffer {
  return Buffer.concat([
    Buffer.from(`%PDF-1.4\n% ${mark}\n`),
    Buffer.alloc(64, 0x20),
    Buffer.from('\n%%EOF\n'),
  ])
}

export interface Actors {
  admin: ApiClient
  creator: ApiClient
  approvers: ApiClient[]
}

/**
 * Users of the probe's own (a creator and approvers with random names), so that what the probe
 * counts through the API (a creator's batches) is only what the probe did.
 */
export async function probeActors(
  gatewayUrl: string,
  adminUser: string,
  adminPassword: string,
  approverCount: number,
): Promise<Actors> {
  const admin = await ApiClient.login(gatewayUrl, adminUser, adminPassword)
  const run = randomBytes(4).toString('hex')
  const password = `Probe-${randomBytes(12).toString('base64url')}-7q`
  const names = [
    `probe-${run}-creator`,
    ...Array.from({ length: approverCount }, (_, at) => `probe-${run}-approver-${at + 1}`),
  ]

  for (const [at, username] of names.entries()) {
    await must(201, admin, 'POST', 'users', {
      body: { username, password, role: at === 0 ? 'CREATOR' : 'APPROVER', displayName: username },
    })
  }
  const [creator, ...approvers] = await Promise.all(
    names.map((username) => ApiClient.login(gatewayUrl, username, password)),
  )

  return { admin, creator: creator!, approvers }
}

export function legacyRequest(amount = '10.00'): Record<string, string> {
  return {
    amount,
    currency: 'USD',
    beneficiaryName: 'Probe Beneficiary',
    beneficiaryAccount: 'PROBE-1',
    purpose: `probe ${randomUUID()}`,
  }
}

/** Polls until `check` gives a value, for what travels through Kafka. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) {
      return value
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting until ${what}`)
    }

    await sleep(150)
  }
}
