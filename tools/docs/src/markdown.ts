/** A GitHub-flavoured markdown table; prettier aligns the columns afterwards. */
export function markdownTable(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`

  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

/** Inline code, for names and values. */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``
}

// A pipe would end the cell and a line break the row.
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll(/\s*\n\s*/g, ' ')
}
