import { describe, expect, it } from 'vitest'

import { replaceGeneratedSection } from '../src/generated-section.ts'

const document = [
  '# Title',
  'hand-written before',
  '<!-- generated:table:start -->',
  'old table',
  '<!-- generated:table:end -->',
  'hand-written after',
].join('\n')

describe('replaceGeneratedSection', () => {
  it('replaceGeneratedSection should replace only what lies between the markers', () => {
    const replaced = replaceGeneratedSection(document, 'table', 'new table')

    expect(replaced).toBe(
      [
        '# Title',
        'hand-written before',
        '<!-- generated:table:start -->',
        '',
        'new table',
        '',
        '<!-- generated:table:end -->',
        'hand-written after',
      ].join('\n'),
    )
    expect(replaceGeneratedSection(replaced, 'table', 'new table')).toBe(replaced)
  })

  it('replaceGeneratedSection should refuse a document without the markers or with them twice', () => {
    expect(() => replaceGeneratedSection(document, 'other', 'x')).toThrow(/lacks the markers/)
    expect(() => replaceGeneratedSection(`${document}\n${document}`, 'table', 'x')).toThrow(/more than once/)
  })
})
