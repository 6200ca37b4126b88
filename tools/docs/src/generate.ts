// Rebuilds the generated parts of docs/operations.md; with --check, only says whether they are current.
import { writeFile } from 'node:fs/promises'
import { relative } from 'node:path'
import { parseArgs } from 'node:util'

import {
  generateCommand,
  operationsDocPath,
  readOperationsDoc,
  renderOperationsDoc,
} from './operations-doc.ts'
import { documentedServices } from './service-catalogue.ts'

const { values: flags } = parseArgs({ options: { check: { type: 'boolean', default: false } } })
const shownPath = relative(process.cwd(), operationsDocPath)
const current = await readOperationsDoc()
const rendered = await renderOperationsDoc(current, documentedServices)

if (rendered === current) {
  console.log(`${shownPath} is up to date`)
} else if (flags.check) {
  console.error(`${shownPath} is stale: run \`${generateCommand}\``)
  process.exitCode = 1
} else {
  await writeFile(operationsDocPath, rendered)
  console.log(`${shownPath} updated`)
}
