import { minorUnitsOf, isCurrency } from '@pay/money'

import type { BatchStatement } from '../domain/batch-statement.ts'

/**
 * Renders a batch statement as a workbook: a sheet of requests and a sheet of totals per
 * currency. Amounts are numeric cells (so they can be summed) with the currency's decimals; a
 * spreadsheet number is a double, which shows amounts of up to 15 significant digits exactly.
 */
export async function renderBatchSoaXlsx(statement: BatchStatement): Promise<Buffer> {
  // Loaded on first use, like pdfkit: exceljs is large and only exports need it.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'payments request service'
  workbook.created = statement.completedAt ?? statement.createdAt
  workbook.title = `Statement of account: ${statement.title}`

  const requests = workbook.addWorksheet('Requests')
  requests.columns = [
    { header: '#', key: 'number', width: 5 },
    { header: 'Request id', key: 'requestId', width: 38 },
    { header: 'Payee', key: 'payee', width: 30 },
    { header: 'Reference', key: 'reference', width: 30 },
    { header: 'Currency', key: 'currency', width: 9 },
    { header: 'Base', key: 'baseAmount', width: 14 },
    { header: 'Extra', key: 'extraAmount', width: 14 },
    { header: 'Total', key: 'totalAmount', width: 14 },
    { header: 'Status', key: 'status', width: 18 },
    { header: 'Decision', key: 'decision', width: 40 },
    { header: 'Paid at', key: 'paidAt', width: 22 },
  ]
  requests.getRow(1).font = { bold: true }
  for (const line of statement.lines) {
    const row = requests.addRow({
      ...line,
      baseAmount: Number(line.baseAmount),
      extraAmount: Number(line.extraAmount),
      totalAmount: Number(line.totalAmount),
      paidAt: line.paidAt ?? '',
    })
    for (const key of ['baseAmount', 'extraAmount', 'totalAmount']) {
      row.getCell(key).numFmt = amountFormat(line.currency)
    }
  }

  const totals = workbook.addWorksheet('Totals')
  totals.columns = [
    { header: 'Currency', key: 'currency', width: 10 },
    { header: 'Requests', key: 'requestCount', width: 10 },
    { header: 'Requested', key: 'requested', width: 16 },
    { header: 'Paid', key: 'paid', width: 16 },
    { header: 'Rejected', key: 'rejected', width: 16 },
  ]
  totals.getRow(1).font = { bold: true }
  for (const total of statement.totals) {
    const row = totals.addRow({
      ...total,
      requested: Number(total.requested),
      paid: Number(total.paid),
      rejected: Number(total.rejected),
    })
    for (const key of ['requested', 'paid', 'rejected']) {
      row.getCell(key).numFmt = amountFormat(total.currency)
    }
  }

  return Buffer.from(await workbook.xlsx.writeBuffer())
}

function amountFormat(currency: string): string {
  const digits = isCurrency(currency) ? minorUnitsOf(currency) : 2

  return digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}`
}
