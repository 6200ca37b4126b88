import { describe, expect, it } from 'vitest'

import { generateCommand, readOperationsDoc, renderOperationsDoc } from '../src/operations-doc.ts'
import { documentedServices } from '../src/service-catalogue.ts'

describe('docs/operations.md', () => {
  it('docs/operations.md should hold the tables the current code generates', async () => {
    const committed = await readOperationsDoc()
    const current = await renderOperationsDoc(committed, documentedServices)

    expect(committed, `docs/operations.md is stale: run \`${generateCommand}\``).toBe(current)
  })

  it('renderOperationsDoc should keep the hand-written text and fill both generated parts', async () => {
    const handWritten = [
      '# Guide',
      '',
      'Hand-written text, kept as it is.',
      '',
      '<!-- generated:config:start -->',
      '<!-- generated:config:end -->',
      '',
      'More text between.',
      '',
      '<!-- generated:topics:start -->',
      '<!-- generated:topics:end -->',
      '',
    ].join('\n')

    const rendered = await renderOperationsDoc(handWritten, documentedServices)

    expect(
      rendered.startsWith('# Guide\n\nHand-written text, kept as it is.\n\n<!-- generated:config:start -->'),
    ).toBe(true)
    expect(rendered).toContain(
      '<!-- generated:config:end -->\n\nMore text between.\n\n<!-- generated:topics:start -->',
    )
    expect(rendered).toContain('| `INTERNAL_TOKEN_SECRET`')
    expect(rendered).toContain('| `payments.master-data.v1`')
    expect(await renderOperationsDoc(rendered, documentedServices)).toBe(rendered)
  })
})
