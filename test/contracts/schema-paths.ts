import { schemaStore, type EventType } from '../../contracts/src/index.ts'

/** The parts of an avsc type that lead from a record to the types below it. */
interface TypeNode {
  typeName: string
  fields?: { name: string; type: TypeNode }[]
  types?: TypeNode[]
  itemsType?: TypeNode
  valuesType?: TypeNode
  underlyingType?: TypeNode
}

/**
 * Why `path` (`batchId`, `totals.amount`, `previous.role`) names no field of the payload in the
 * latest schema of `eventType`, or undefined when it does. A path steps into records, through
 * nullable unions and into the items of arrays and values of maps.
 */
export function missingFieldReason(eventType: EventType, path: string): string | undefined {
  const message = schemaStore.latest(eventType).type as unknown as TypeNode
  let candidates = recordsIn(message.fields!.find((field) => field.name === 'payload')!.type)
  const walked: string[] = []

  for (const segment of path.split('.')) {
    const matches = candidates.flatMap((record) => record.fields!.filter((field) => field.name === segment))
    if (matches.length === 0) {
      const where = walked.length === 0 ? 'the payload' : walked.join('.')
      const known = candidates.flatMap((record) => record.fields!.map((field) => field.name))
      const listing = known.length === 0 ? 'no fields' : `fields ${known.join(', ')}`

      return `${where} of ${schemaStore.latest(eventType).file} has no field ${segment} (${listing})`
    }

    walked.push(segment)
    candidates = matches.flatMap((field) => recordsIn(field.type))
  }

  return undefined
}

function recordsIn(type: TypeNode): TypeNode[] {
  if (type.fields !== undefined) {
    return [type]
  }

  const inner = [type.underlyingType, type.itemsType, type.valuesType, ...(type.types ?? [])]

  return inner.filter((next) => next !== undefined).flatMap(recordsIn)
}
