import avsc from 'avsc'
import { describe, expect, it } from 'vitest'

import { canonicalFormOf, fingerprintOf, rabinFingerprint, schemaStore } from '../src/index.ts'

/**
 * Apache Avro's shared test data (share/test/data/schema-tests.txt): input schema, its Parsing
 * Canonical Form and, where given, the fingerprint as Java's signed 64-bit long.
 */
const avroVectors: [input: string, canonical: string, fingerprint?: string][] = [
  ['"null"', '"null"', '7195948357588979594'],
  ['{"type":"null"}', '"null"'],
  ['"boolean"', '"boolean"', '-6970731678124411036'],
  ['{"type":"boolean"}', '"boolean"'],
  ['"int"', '"int"', '8247732601305521295'],
  ['{"type":"int"}', '"int"'],
  ['"long"', '"long"', '-3434872931120570953'],
  ['{"type":"long"}', '"long"'],
  ['"float"', '"float"', '5583340709985441680'],
  ['{"type":"float"}', '"float"'],
  ['"double"', '"double"', '-8181574048448539266'],
  ['{"type":"double"}', '"double"'],
  ['"bytes"', '"bytes"', '5746618253357095269'],
  ['{"type":"bytes"}', '"bytes"'],
  ['"string"', '"string"', '-8142146995180207161'],
  ['{"type":"string"}', '"string"'],
  ['[  ]', '[]', '-1241056759729112623'],
  ['[ "int"  ]', '["int"]', '-5232228896498058493'],
  ['[ "int" , {"type":"boolean"} ]', '["int","boolean"]', '5392556393470105090'],
  [
    '{"fields":[], "type":"record", "name":"foo"}',
    '{"name":"foo","type":"record","fields":[]}',
    '-4824392279771201922',
  ],
  [
    '{"fields":[], "type":"record", "name":"foo", "namespace":"x.y"}',
    '{"name":"x.y.foo","type":"record","fields":[]}',
    '5916914534497305771',
  ],
  [
    '{"fields":[], "type":"record", "name":"a.b.foo", "namespace":"x.y"}',
    '{"name":"a.b.foo","type":"record","fields":[]}',
    '-4616218487480524110',
  ],
  [
    '{"fields":[], "type":"record", "name":"foo", "doc":"Useful info"}',
    '{"name":"foo","type":"record","fields":[]}',
    '-4824392279771201922',
  ],
  [
    '{"fields":[], "type":"record", "name":"foo", "aliases":["foo","bar"]}',
    '{"name":"foo","type":"record","fields":[]}',
    '-4824392279771201922',
  ],
  [
    '{"fields":[], "type":"record", "name":"foo", "doc":"foo", "aliases":["foo","bar"]}',
    '{"name":"foo","type":"record","fields":[]}',
    '-4824392279771201922',
  ],
  [
    '{"fields":[{"type":{"type":"boolean"}, "name":"f1"}], "type":"record", "name":"foo"}',
    '{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"}]}',
    '7843277075252814651',
  ],
  [
    `{ "fields":[{"type":"boolean", "aliases":[], "name":"f1", "default":"true"},
                 {"order":"descending","name":"f2","doc":"Hello","type":"int"}],
       "type":"record", "name":"foo" }`,
    '{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"},{"name":"f2","type":"int"}]}',
    '-4860222112080293046',
  ],
  [
    '{"type":"enum", "name":"foo", "symbols":["A1"]}',
    '{"name":"foo","type":"enum","symbols":["A1"]}',
    '-6342190197741309591',
  ],
  [
    '{"namespace":"x.y.z", "type":"enum", "name":"foo", "doc":"foo bar", "symbols":["A1", "A2"]}',
    '{"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]}',
    '-4448647247586288245',
  ],
  [
    '{"name":"foo","type":"fixed","size":15}',
    '{"name":"foo","type":"fixed","size":15}',
    '1756455273707447556',
  ],
  [
    '{"namespace":"x.y.z", "type":"fixed", "name":"foo", "doc":"foo bar", "size":32}',
    '{"name":"x.y.z.foo","type":"fixed","size":32}',
    '-3064184465700546786',
  ],
  ['{ "items":{"type":"null"}, "type":"array"}', '{"type":"array","items":"null"}', '-589620603366471059'],
  ['{ "values":"string", "type":"map"}', '{"type":"map","values":"string"}', '-8732877298790414990'],
  [
    `{"name":"PigValue","type":"record",
      "fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]}`,
    '{"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]}',
    '-1759257747318642341',
  ],
]

describe('canonicalFormOf', () => {
  it.each(avroVectors)('should reduce %s to the canonical form of the Avro test data', (input, canonical) => {
    expect(canonicalFormOf(JSON.parse(input))).toBe(canonical)
  })

  it('should qualify nested names with the enclosing namespace and refer to them by full name', () => {
    const schema = {
      type: 'record',
      name: 'Outer',
      namespace: 'a.b',
      fields: [
        { name: 'first', type: { type: 'enum', name: 'Colour', symbols: ['RED'], default: 'RED' } },
        { name: 'second', type: 'Colour' },
        {
          name: 'third',
          type: { type: 'record', name: 'c.Inner', fields: [{ name: 'x', type: 'a.b.Colour' }] },
        },
      ],
    }

    expect(canonicalFormOf(schema)).toBe(
      '{"name":"a.b.Outer","type":"record","fields":[' +
        '{"name":"first","type":{"name":"a.b.Colour","type":"enum","symbols":["RED"]}},' +
        '{"name":"second","type":"a.b.Colour"},' +
        '{"name":"third","type":{"name":"c.Inner","type":"record","fields":[{"name":"x","type":"a.b.Colour"}]}}]}',
    )
  })

  it('should drop logical types, defaults and docs', () => {
    const schema = {
      type: 'record',
      name: 'r',
      doc: 'gone',
      fields: [
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'gone' },
        { name: 'id', type: ['null', { type: 'string', logicalType: 'uuid' }], default: null },
      ],
    }

    expect(canonicalFormOf(schema)).toBe(
      '{"name":"r","type":"record","fields":[{"name":"at","type":"long"},{"name":"id","type":["null","string"]}]}',
    )
  })

  it('should refuse a reference to a name that is not defined', () => {
    expect(() => canonicalFormOf({ type: 'array', items: 'com.example.Missing' })).toThrow(/Missing/)
  })

  it('should resolve a short name in the namespace of the record it appears in', () => {
    const schema = {
      type: 'record',
      name: 'a.Outer',
      fields: [
        { name: 'colour', type: { type: 'enum', name: 'Colour', symbols: ['RED'] } },
        { name: 'inner', type: { type: 'record', name: 'b.Inner', fields: [{ name: 'x', type: 'Colour' }] } },
      ],
    }

    expect(() => canonicalFormOf(schema)).toThrow(/undefined Avro type name b\.Colour/)
  })

  it('should agree with the canonical schema avsc derives for every event schema version', () => {
    for (const version of schemaStore.versions) {
      const fromAvsc = JSON.stringify(avsc.Type.forSchema(version.schema as avsc.Schema).schema())

      expect(version.canonicalForm, version.file).toBe(fromAvsc)
    }
  })
})

describe('fingerprintOf', () => {
  const withFingerprint = avroVectors.filter(([, , fingerprint]) => fingerprint !== undefined)

  it.each(withFingerprint)(
    'should give %s the CRC-64-AVRO fingerprint of the Avro test data',
    (input, _, java) => {
      expect(BigInt.asIntN(64, fingerprintOf(JSON.parse(input)))).toBe(BigInt(java!))
    },
  )

  it('should be an unsigned 64-bit value', () => {
    const fingerprint = fingerprintOf('boolean')

    expect(fingerprint).toBe(BigInt.asUintN(64, -6970731678124411036n))
    expect(fingerprint).toBeGreaterThan(2n ** 63n)
  })
})

describe('rabinFingerprint', () => {
  it('should return the empty fingerprint for no bytes', () => {
    expect(rabinFingerprint(new Uint8Array())).toBe(0xc15d213aa4d7a795n)
  })

  it('should fingerprint the raw bytes of a canonical form', () => {
    expect(BigInt.asIntN(64, rabinFingerprint(Buffer.from('"int"')))).toBe(8247732601305521295n)
  })
})
