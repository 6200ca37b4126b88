import avsc from 'avsc'

import type { AvroSchema } from './canonical-form.ts'

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/** Avro `long` as a JS `bigint`: amounts and versions must never pass through a float. */
const bigintLong = avsc.types.LongType.__with({
  fromBuffer: (buffer: Buffer) => buffer.readBigInt64LE(),
  toBuffer: (value: bigint) => {
    const buffer = Buffer.alloc(8)
    buffer.writeBigInt64LE(value)
    return buffer
  },
  fromJSON: (value: number | string | bigint) => BigInt(value),
  toJSON: (value: bigint) => Number(value),
  isValid: (value: unknown) => typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX,
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
})

/** `timestamp-millis` as a `Date`; milliseconds stay far inside a double's exact range. */
class TimestampMillisType extends avsc.types.LogicalType {
  protected override _fromValue(value: number): Date {
    return new Date(value)
  }

  protected override _toValue(value: unknown): number | undefined {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      return undefined
    }

    return value.getTime()
  }

  protected override _resolve(writer: avsc.Type): ((value: unknown) => Date) | undefined {
    // The resolver reads through the writer's own type, which already yields a Date.
    if (avsc.Type.isType(writer, 'logical:timestamp-millis')) {
      return (value) => value as Date
    }
    if (avsc.Type.isType(writer, 'long', 'abstract:long')) {
      return (value) => new Date(Number(value))
    }

    return undefined
  }
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `uuid` on a string, checked both when writing and when reading. */
class UuidType extends avsc.types.LogicalType {
  protected override _fromValue(value: string): string {
    if (!UUID_PATTERN.test(value)) {
      throw new Error('invalid uuid')
    }

    return value
  }

  protected override _toValue(value: unknown): string | undefined {
    return typeof value === 'string' && UUID_PATTERN.test(value) ? value : undefined
  }

  protected override _resolve(writer: avsc.Type): ((value: string) => string) | undefined {
    if (avsc.Type.isType(writer, 'string', 'logical:uuid')) {
      return (value) => this._fromValue(value)
    }

    return undefined
  }
}

/** The parts of avsc's internal read cursor that the bounded array reader needs. */
interface Tap {
  buf: Buffer
  pos: number
  readLong(): number
  skipLong(): void
}

interface TapReader {
  _read(tap: Tap): unknown
}

/**
 * avsc sizes an array from the block count it reads, so four garbage bytes claiming billions of
 * items would pin a consumer for minutes. Every item of our schemas takes at least one byte, so
 * a count above the bytes left is malformed and fails at once.
 */
class BoundedArrayType extends avsc.types.ArrayType {
  _read(tap: Tap): unknown[] {
    const items: unknown[] = []
    for (let count = tap.readLong(); count !== 0; count = tap.readLong()) {
      if (count < 0) {
        count = -count
        tap.skipLong()
      }
      if (count > tap.buf.length - tap.pos) {
        throw new Error(`array block of ${count} items exceeds the bytes left`)
      }

      for (let index = 0; index < count; index++) {
        items.push((this.itemsType as unknown as TapReader)._read(tap))
      }
    }

    return items
  }
}

function hasType(schema: unknown, type: string): schema is { type: string; logicalType?: unknown } {
  return typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === type
}

/** Every `long` is a bigint, except the one under `timestamp-millis`, which becomes a Date. */
function isBigintLong(schema: unknown): boolean {
  return schema === 'long' || (hasType(schema, 'long') && schema.logicalType !== 'timestamp-millis')
}

/** Compiles a self-contained schema into an avsc type with the product's value mapping. */
export function compileSchema(schema: AvroSchema): avsc.Type {
  return avsc.Type.forSchema(schema as avsc.Schema, {
    // A fresh registry per schema: every event schema defines its own copy of the envelope.
    registry: {},
    logicalTypes: { 'timestamp-millis': TimestampMillisType, uuid: UuidType },
    assertLogicalTypes: true,
    wrapUnions: 'never',
    omitRecordMethods: true,
    typeHook: (schema, opts) => {
      if (isBigintLong(schema)) {
        return bigintLong
      }
      if (hasType(schema, 'array')) {
        return new BoundedArrayType(schema, opts)
      }

      return undefined
    },
  })
}

/** Short human name of a type for error messages: `uuid`, `long (bigint)`, `enum RequestStatus`. */
export function describeType(type: avsc.Type): string {
  if (avsc.Type.isType(type, 'logical:timestamp-millis')) {
    return 'timestamp-millis (Date)'
  }
  if (avsc.Type.isType(type, 'abstract:long')) {
    return 'long (bigint)'
  }
  if (type.name !== undefined) {
    return `${type.typeName} ${type.name}`
  }

  return type.typeName.replace(/^logical:/, '')
}
