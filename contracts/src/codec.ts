import avsc from 'avsc'

import type { FieldError } from '@pay/errors'

import { describeType } from './avro-types.ts'
import { ContractError } from './contract-error.ts'
import type { EventMessage } from './event-message.ts'
import { loadSchemaStore, type SchemaStore } from './schema-store.ts'
import {
  readSingleObjectFingerprint,
  SINGLE_OBJECT_HEADER_LENGTH,
  singleObjectHeader,
} from './single-object.ts'
import { isEventType } from './topics.ts'

/** Loaded once at start-up: a broken or inconsistent schema file fails the import. */
export const schemaStore: SchemaStore = loadSchemaStore()

/**
 * Encodes with the latest schema of the message's event type, as Avro single-object encoding.
 * Throws ContractError INVALID_EVENT, with one field error per problem, when the message does
 * not fit the schema (undeclared fields included).
 */
export function encodeEvent(message: EventMessage): Buffer {
  const eventType: unknown = message?.envelope?.eventType
  if (typeof eventType !== 'string' || !isEventType(eventType)) {
    throw new ContractError('INVALID_EVENT', `unknown event type ${String(eventType)}`)
  }

  const writer = schemaStore.latest(eventType)
  const problems = validate(writer.type, message)
  if (problems.length > 0) {
    const summary = problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')
    throw new ContractError('INVALID_EVENT', `${eventType} does not fit its schema: ${summary}`, {
      fields: problems,
    })
  }

  return Buffer.concat([singleObjectHeader(writer.fingerprint), writer.type.toBuffer(message)])
}

/**
 * Decodes a single-object encoded message written with any released schema version into the
 * latest version of its event type. Throws ContractError NOT_SINGLE_OBJECT, UNKNOWN_FINGERPRINT
 * or MALFORMED_BODY.
 */
export function decodeEvent(bytes: Uint8Array): EventMessage {
  const fingerprint = readSingleObjectFingerprint(bytes)
  if (fingerprint === undefined) {
    throw new ContractError('NOT_SINGLE_OBJECT', 'the message is not Avro single-object encoded')
  }

  const writer = schemaStore.byFingerprint(fingerprint)
  if (writer === undefined) {
    const hex = fingerprint.toString(16).padStart(16, '0')
    throw new ContractError('UNKNOWN_FINGERPRINT', `no released schema has fingerprint ${hex}`)
  }

  const reader = schemaStore.latest(writer.eventType)
  let message: EventMessage
  try {
    const whole = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    const body = whole.subarray(SINGLE_OBJECT_HEADER_LENGTH)
    message = reader.type.fromBuffer(body, schemaStore.resolverFor(writer)) as EventMessage
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new ContractError('MALFORMED_BODY', `the body does not match ${writer.file}: ${reason}`, {
      cause: error,
    })
  }

  if (message.envelope.eventType !== writer.eventType) {
    throw new ContractError(
      'MALFORMED_BODY',
      `the envelope says ${message.envelope.eventType} but the schema is ${writer.file}`,
    )
  }

  return message
}

/** Every problem of a message: wrong values first, then fields the schema does not declare. */
function validate(type: avsc.Type, message: unknown): FieldError[] {
  const problems: FieldError[] = []
  const at = (path: string[]) => path.join('.') || '(message)'
  type.isValid(message, {
    errorHook: (path, value, invalid) => problems.push({ path: at(path), message: explain(value, invalid) }),
  })
  // avsc stops at a record with undeclared fields, so they get a pass of their own.
  type.isValid(message, {
    noUndeclaredFields: true,
    errorHook: (path, value, invalid) => {
      const undeclared = undeclaredFields(value, invalid)
      if (undeclared.length > 0) {
        problems.push({ path: at(path), message: `undeclared fields ${undeclared.join(', ')}` })
      }
    },
  })

  return problems
}

function undeclaredFields(value: unknown, type: avsc.Type): string[] {
  if (!avsc.Type.isType(type, 'record') || !isPlainObject(value)) {
    return []
  }

  const declared = new Set((type as avsc.types.RecordType).fields.map((field) => field.name))

  return Object.keys(value).filter((key) => !declared.has(key))
}

function explain(value: unknown, type: avsc.Type): string {
  if (avsc.Type.isType(type, 'enum')) {
    return `expected one of ${(type as avsc.types.EnumType).symbols.join(', ')}, got ${kindOf(value)}`
  }
  if (avsc.Type.isType(type, 'union')) {
    const branches = (type as avsc.types.UnwrappedUnionType).types.map(describeType)

    return `expected ${branches.join(' or ')}, got ${kindOf(value)}`
  }

  return `expected ${describeType(type)}, got ${kindOf(value)}`
}

/** Names the kind of a bad value without echoing it: payloads hold names and accounts. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) {
    return String(value)
  }
  if (Array.isArray(value)) {
    return 'an array'
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date'
  }
  if (typeof value === 'string') {
    return value.length === 0 ? 'an empty string' : 'a string'
  }

  return `a ${typeof value}`
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}
