import { describe, expect, it } from 'vitest'

import { bindContext, createLogger, REDACTED } from '../src/index.ts'
import { memoryDestination } from './memory-destination.ts'

describe('createLogger', () => {
  it('should write JSON lines with service, level label, time and message', () => {
    const destination = memoryDestination()
    const logger = createLogger({ service: 'request', destination })

    logger.info({ batchId: 'b-1' }, 'batch submitted')

    expect(destination.lines).toHaveLength(1)
    expect(destination.lines[0]).toMatchObject({
      service: 'request',
      level: 'info',
      batchId: 'b-1',
      msg: 'batch submitted',
    })
    expect(new Date(destination.lines[0]?.time as string).toISOString()).toBe(destination.lines[0]?.time)
  })

  it('should drop lines below its level', () => {
    const destination = memoryDestination()
    const logger = createLogger({ service: 'request', level: 'warn', destination })

    logger.info('not written')
    logger.warn('written')

    expect(destination.lines.map((line) => line.msg)).toEqual(['written'])
  })

  it('should redact passwords, tokens and secrets at any depth', () => {
    const destination = memoryDestination()
    const logger = createLogger({ service: 'gateway', destination })
    const secrets = [
      'hunter2-hunter2',
      'eyJ.access.token',
      'eyJ.refresh.token',
      'eyJ.internal.token',
      'jwt-secret-1',
    ]

    logger.info(
      {
        password: secrets[0],
        body: { username: 'alice', passwordConfirmation: secrets[0] },
        tokens: { accessToken: secrets[1], refreshToken: secrets[2] },
        calls: [{ internalToken: secrets[3] }],
        config: { nested: { deeper: { JWT_SECRET: secrets[4] } } },
      },
      'login attempt',
    )

    const [line] = destination.raw
    for (const secret of secrets) {
      expect(line).not.toContain(secret)
    }
    expect(destination.lines[0]).toMatchObject({
      password: REDACTED,
      body: { username: 'alice', passwordConfirmation: REDACTED },
      tokens: { accessToken: REDACTED, refreshToken: REDACTED },
      calls: [{ internalToken: REDACTED }],
      config: { nested: { deeper: { JWT_SECRET: REDACTED } } },
    })
  })

  it('should redact authorization and cookie headers', () => {
    const destination = memoryDestination()
    const logger = createLogger({ service: 'gateway', destination })

    logger.info(
      {
        headers: { authorization: 'Bearer abc.def.ghi', Cookie: 'sid=s3cr3t', 'x-request-id': 'r-1' },
        res: { headers: { 'set-cookie': 'sid=s3cr3t' } },
      },
      'upstream call',
    )

    expect(destination.raw[0]).not.toContain('abc.def.ghi')
    expect(destination.raw[0]).not.toContain('s3cr3t')
    expect(destination.lines[0]).toMatchObject({ headers: { 'x-request-id': 'r-1' } })
  })

  it('should redact headers of a serialized request object', () => {
    const destination = memoryDestination()
    const logger = createLogger({ service: 'gateway', destination })
    // a class instance is not walked by the key scrub; the path redaction must catch it
    class FakeRequest {
      headers = { authorization: 'Bearer class.instance.token', cookie: 'sid=class-cookie' }
    }

    logger.info({ req: new FakeRequest() }, 'request')

    expect(destination.raw[0]).not.toContain('class.instance.token')
    expect(destination.raw[0]).not.toContain('class-cookie')
  })

  it('should not mutate the logged object', () => {
    const logger = createLogger({ service: 'gateway', destination: memoryDestination() })
    const logged = { user: { password: 'keep-me-here' } }

    logger.info(logged, 'x')

    expect(logged.user.password).toBe('keep-me-here')
  })

  it('should keep the message and stack of a logged error', () => {
    const destination = memoryDestination()
    const logger = createLogger({ service: 'ledger', destination })

    logger.error({ err: new Error('boom') }, 'posting failed')

    expect(destination.lines[0]).toMatchObject({ err: { type: 'Error', message: 'boom' } })
    expect((destination.lines[0]?.err as { stack: string }).stack).toContain('boom')
  })

  it('should cut an object nested deeper than it walks', () => {
    const destination = memoryDestination()
    const logger = createLogger({ service: 'ledger', destination })
    let deep: Record<string, unknown> = { password: 'bottom-secret' }
    for (let level = 0; level < 20; level += 1) {
      deep = { inner: deep }
    }

    logger.info({ deep }, 'deep')

    expect(destination.raw[0]).not.toContain('bottom-secret')
    expect(destination.raw[0]).toContain('[too deep]')
  })
})

describe('bindContext', () => {
  it('should put request, trace and user ids on every line of the child', () => {
    const destination = memoryDestination()
    const logger = createLogger({ service: 'approval', destination })

    const child = bindContext(logger, { requestId: 'req-1', traceId: 'a'.repeat(32), userId: 'user-1' })
    child.info('first')
    child.warn({ extra: 1 }, 'second')

    for (const line of destination.lines) {
      expect(line).toMatchObject({
        service: 'approval',
        requestId: 'req-1',
        traceId: 'a'.repeat(32),
        userId: 'user-1',
      })
    }
    expect(destination.lines).toHaveLength(2)
  })

  it('should leave out fields that are not known yet', () => {
    const destination = memoryDestination()
    const logger = createLogger({ service: 'approval', destination })

    bindContext(logger, { requestId: 'req-1', userId: undefined }).info('anonymous')

    expect(destination.lines[0]).toHaveProperty('requestId', 'req-1')
    expect(destination.lines[0]).not.toHaveProperty('userId')
    expect(destination.lines[0]).not.toHaveProperty('traceId')
  })
})
