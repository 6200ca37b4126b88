import { createLogger } from '@pay/logging'
import { startService } from '@pay/runtime'
import { afterAll, describe, expect, it } from 'vitest'

import { gatewayService } from '../src/service.ts'
import { login } from './support/api.ts'
import { startGateway, type GatewayHarness } from './support/gateway-harness.ts'
import { MemoryLog } from './support/memory-log.ts'

const started: GatewayHarness[] = []

afterAll(async () => {
  await Promise.all(started.map((harness) => harness.stop()))
})

describe('the first administrator without ADMIN_PASSWORD', () => {
  it('should get a generated password, logged once at warn level, that logs in', async () => {
    const gateway = await startGateway({ ADMIN_USERNAME: 'root-admin', ADMIN_PASSWORD: undefined })
    started.push(gateway)

    const announcements = gateway.log.lines.filter((line) => String(line.msg).includes('one-time password'))
    expect(announcements).toHaveLength(1)
    expect(announcements[0]!.level).toBe('warn')
    const password = /one-time password "([^"]+)"/.exec(String(announcements[0]!.msg))?.[1]
    expect(password).toBeDefined()
    await expect(login(gateway, 'root-admin', password!)).resolves.toHaveProperty('accessToken')

    const again = new MemoryLog()
    const restarted = await startService(gatewayService(), gateway.service.context.config, {
      listen: false,
      logger: createLogger({ service: 'gateway', destination: again }),
    })
    await restarted.stop()
    expect(again.text).not.toContain('one-time password')
  })
})

describe('a weak ADMIN_PASSWORD', () => {
  it('should stop the start-up with a clear message', async () => {
    await expect(startGateway({ ADMIN_PASSWORD: 'admin12345' })).rejects.toThrow(
      /ADMIN_PASSWORD does not meet the password policy/,
    )
  })
})
