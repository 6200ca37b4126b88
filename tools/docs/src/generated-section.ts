/** The markers around a generated part of a document: `<!-- generated:<name>:start -->` … `:end -->`. */
export function sectionMarkers(name: string): { start: string; end: string } {
  return { start: `<!-- generated:${name}:start -->`, end: `<!-- generated:${name}:end -->` }
}

/** Replaces what lies between a section's markers, and nothing else. */
export function replaceGeneratedSection(document: string, name: string, content: string): string {
  const { start, end } = sectionMarkers(name)
  const from = document.indexOf(start)
  const to = document.indexOf(end)
  if (from === -1 || to === -1 || to < from) {
    throw new Error(`the document lacks the markers ${start} … ${end} (in this order)`)
  }

  if (document.indexOf(start, from + 1) !== -1 || document.indexOf(end, to + 1) !== -1) {
    throw new Error(`the document holds the markers of "${name}" more than once`)
  }

  return `${document.slice(0, from + start.length)}\n\n${content.trim()}\n\n${document.slice(to)}`
}
