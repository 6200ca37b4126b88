import { rabinFingerprint } from './rabin-fingerprint.ts'

/** A schema as parsed JSON: a type name, a union (array) or a type object. */
export type AvroSchema = string | AvroSchema[] | { [attribute: string]: unknown }

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'])

/**
 * The Parsing Canonical Form of the Avro specification: full names, only the attributes that
 * matter for parsing (name, type, fields, symbols, items, values, size) in that order, no
 * whitespace. Named types are written out at their first use and referred to by full name after.
 */
export function canonicalFormOf(schema: AvroSchema): string {
  return canonical(schema, '', new Set())
}

/** CRC-64-AVRO fingerprint of the schema's Parsing Canonical Form, as an unsigned 64-bit bigint. */
export function fingerprintOf(schema: AvroSchema): bigint {
  return rabinFingerprint(Buffer.from(canonicalFormOf(schema), 'utf8'))
}

type SchemaObject = Record<string, unknown>

function canonical(schema: unknown, namespace: string, defined: Set<string>): string {
  if (typeof schema === 'string') {
    return reference(schema, namespace, defined)
  }
  if (Array.isArray(schema)) {
    return `[${schema.map((branch) => canonical(branch, namespace, defined)).join(',')}]`
  }
  if (typeof schema !== 'object' || schema === null) {
    throw new TypeError(`not an Avro schema: ${JSON.stringify(schema)}`)
  }

  const object = schema as SchemaObject
  const type = object.type
  switch (type) {
    case 'record':
      return named(object, namespace, defined, (fullName, inner) => {
        const fields = asArray(object.fields, 'fields').map((field) => {
          const { name, type: fieldType } = field as SchemaObject

          return `{"name":${JSON.stringify(name)},"type":${canonical(fieldType, inner, defined)}}`
        })

        return `{"name":${JSON.stringify(fullName)},"type":"record","fields":[${fields.join(',')}]}`
      })
    case 'enum':
      return named(object, namespace, defined, (fullName) => {
        const symbols = asArray(object.symbols, 'symbols').map((symbol) => JSON.stringify(symbol))

        return `{"name":${JSON.stringify(fullName)},"type":"enum","symbols":[${symbols.join(',')}]}`
      })
    case 'fixed':
      return named(object, namespace, defined, (fullName) => {
        return `{"name":${JSON.stringify(fullName)},"type":"fixed","size":${Number(object.size)}}`
      })
    case 'array':
      return `{"type":"array","items":${canonical(object.items, namespace, defined)}}`
    case 'map':
      return `{"type":"map","values":${canonical(object.values, namespace, defined)}}`
    default:
      // `{"type": "long", "logicalType": …}` and `{"type": "SomeName"}` reduce to the bare type.
      return canonical(type, namespace, defined)
  }
}

function reference(name: string, namespace: string, defined: Set<string>): string {
  if (PRIMITIVES.has(name)) {
    return JSON.stringify(name)
  }

  const fullName = qualify(name, namespace)
  if (defined.has(fullName)) {
    return JSON.stringify(fullName)
  }
  if (defined.has(name)) {
    return JSON.stringify(name)
  }

  throw new TypeError(`undefined Avro type name ${fullName}`)
}

function named(
  schema: SchemaObject,
  enclosingNamespace: string,
  defined: Set<string>,
  write: (fullName: string, namespace: string) => string,
): string {
  const name = String(schema.name)
  const namespace = typeof schema.namespace === 'string' ? schema.namespace : enclosingNamespace
  const fullName = qualify(name, namespace)
  if (defined.has(fullName)) {
    throw new TypeError(`Avro type ${fullName} is defined twice`)
  }

  defined.add(fullName)

  return write(fullName, fullName.includes('.') ? fullName.slice(0, fullName.lastIndexOf('.')) : '')
}

function qualify(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`
}

function asArray(value: unknown, attribute: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new TypeError(`Avro schema attribute ${attribute} must be an array`)
  }

  return value
}
