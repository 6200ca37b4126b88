import type { BatchStatement, StatementLine } from '../domain/batch-statement.ts'

interface Column {
  title: string
  width: number
  align: 'left' | 'right'
  value(line: StatementLine): string
}

const MARGIN = 36
const FONT_SIZE = 8
const CELL_PADDING = 3

const columns: Column[] = [
  { title: '#', width: 22, align: 'right', value: (line) => String(line.number) },
  { title: 'Payee', width: 130, align: 'left', value: (line) => line.payee },
  { title: 'Reference', width: 118, align: 'left', value: (line) => line.reference },
  { title: 'Cur.', width: 30, align: 'left', value: (line) => line.currency },
  { title: 'Base', width: 65, align: 'right', value: (line) => line.baseAmount },
  { title: 'Extra', width: 60, align: 'right', value: (line) => line.extraAmount },
  { title: 'Total', width: 70, align: 'right', value: (line) => line.totalAmount },
  { title: 'Status', width: 75, align: 'left', value: (line) => line.status },
  { title: 'Decision', width: 140, align: 'left', value: (line) => line.decision },
  { title: 'Paid', width: 60, align: 'left', value: (line) => dateOf(line.paidAt) },
]

/**
 * Renders a batch statement of account as a landscape A4 PDF: the batch's facts, one table row per
 * request (payee, reference, amounts, status, decision) and the totals per currency. The document
 * dates come from the batch, so rendering one batch twice gives the same content.
 */
export async function renderBatchSoaPdf(statement: BatchStatement): Promise<Buffer> {
  // Loaded on first use: pdfkit and its fonts cost tens of MiB that most processes never need.
  const { default: PDFDocument } = await import('pdfkit')
  const document = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: {
      Title: `Statement of account: ${statement.title}`,
      Subject: `Batch ${statement.batchId}`,
      Creator: 'payments request service',
      CreationDate: statement.completedAt ?? statement.createdAt,
    },
  })
  const chunks: Buffer[] = []
  document.on('data', (chunk: Buffer) => chunks.push(chunk))
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)))
    document.on('error', reject)
  })

  writeHeading(document, statement)
  writeTable(document, statement.lines)
  writeTotals(document, statement)
  document.end()

  return finished
}

function writeHeading(document: PDFKit.PDFDocument, statement: BatchStatement): void {
  document.font('Helvetica-Bold').fontSize(14).text('Statement of account', MARGIN, MARGIN)
  document.font('Helvetica').fontSize(9).moveDown(0.3)
  document.text(`Batch: ${statement.title}`)
  document.text(
    `Batch id: ${statement.batchId}    Status: ${statement.status}    Created by: ${statement.createdBy}`,
  )
  document.text(
    `Created: ${dateOf(statement.createdAt)}    Submitted: ${dateOf(statement.submittedAt)}    ` +
      `Completed: ${dateOf(statement.completedAt)}`,
  )
  document.moveDown(0.8)
}

function writeTable(document: PDFKit.PDFDocument, lines: StatementLine[]): void {
  const titles = columns.map((column) => column.title)
  writeRow(document, titles, { bold: true })
  for (const line of lines) {
    const cells = columns.map((column) => column.value(line))
    // A row never splits across pages; each new page repeats the column titles.
    if (document.y + rowHeight(document, cells, false) > document.page.height - MARGIN) {
      document.addPage()
      writeRow(document, titles, { bold: true })
    }
    writeRow(document, cells, { bold: false })
  }
  document.moveDown(0.8)
}

function rowHeight(document: PDFKit.PDFDocument, cells: string[], bold: boolean): number {
  document.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT_SIZE)
  const heights = cells.map((cell, index) =>
    document.heightOfString(cell, { width: columns[index]!.width - 2 * CELL_PADDING }),
  )

  return Math.max(...heights) + 2 * CELL_PADDING
}

function writeRow(document: PDFKit.PDFDocument, cells: string[], style: { bold: boolean }): void {
  const height = rowHeight(document, cells, style.bold)
  const top = document.y
  let left = MARGIN
  cells.forEach((cell, index) => {
    const column = columns[index]!
    document.text(cell, left + CELL_PADDING, top + CELL_PADDING, {
      width: column.width - 2 * CELL_PADDING,
      align: column.align,
    })
    left += column.width
  })
  document
    .moveTo(MARGIN, top + height)
    .lineTo(left, top + height)
    .lineWidth(style.bold ? 0.8 : 0.3)
    .stroke()
  document.x = MARGIN
  document.y = top + height
}

function writeTotals(document: PDFKit.PDFDocument, statement: BatchStatement): void {
  document.font('Helvetica-Bold').fontSize(10).text('Totals per currency', MARGIN)
  document.font('Helvetica').fontSize(9).moveDown(0.3)
  for (const total of statement.totals) {
    document.text(
      `${total.currency}: ${total.requestCount} requests, requested ${total.requested}, ` +
        `paid ${total.paid}, rejected ${total.rejected}`,
    )
  }
}

function dateOf(date: Date | null): string {
  return date === null ? '' : date.toISOString().slice(0, 10)
}
