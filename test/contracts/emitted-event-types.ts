import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

import ts from 'typescript'

import { isEventType, type EventType } from '../../contracts/src/index.ts'

/** Where a service's code names an event type it builds. */
export interface EmitSite {
  file: string
  line: number
  /** The top-level declaration that holds it, reachable from the service's entry files. */
  declaration: string
}

/** One top-level declaration of a module, or one of its other top-level statements. */
interface Unit {
  file: string
  name: string | undefined
  node: ts.Node
}

interface Module {
  units: Map<string, Unit>
  anonymous: Unit[]
  /** Local name → the module and name it was imported from; `*` for a namespace import. */
  imports: Map<string, { file: string; name: string }>
  reExports: Map<string, { file: string; name: string }>
  starExports: string[]
}

const ENTRY_FILES = ['service.ts', 'main.ts']

/** Calls that test a message's type instead of building one. */
const TYPE_TESTS = new Set(['isEventOf', 'isEventType', 'has', 'includes'])

/**
 * The event types a service builds, found statically in `<serviceDir>/src`: a string literal naming
 * an event type in a value position (`eventType: 'RequestSubmitted'`, `envelopeOf('BatchCreated', …)`)
 * inside a top-level declaration that the service's entry files (`service.ts`, `main.ts`) reach
 * through their imports. Type positions, object keys (handler maps), comparisons and `case` labels
 * are reading, not building, and builders nothing calls do not count.
 */
export function emittedEventTypes(serviceDir: string): Map<EventType, EmitSite[]> {
  const sourceDir = join(serviceDir, 'src')
  const modules = new Map<string, Module>()
  for (const file of typeScriptFiles(sourceDir)) {
    modules.set(file, parseModule(file))
  }

  const emitted = new Map<EventType, EmitSite[]>()
  for (const unit of reachableUnits(modules, sourceDir)) {
    for (const { eventType, node } of builtEventTypes(unit.node)) {
      const source = node.getSourceFile()
      const site: EmitSite = {
        file: relative(serviceDir, unit.file),
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        declaration: unit.name ?? '(top level)',
      }
      emitted.set(eventType, [...(emitted.get(eventType) ?? []), site])
    }
  }

  return emitted
}

function typeScriptFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    return []
  }

  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => join(dir, name))
    .sort()
}

function parseModule(file: string): Module {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2024, true)
  const module: Module = {
    units: new Map(),
    anonymous: [],
    imports: new Map(),
    reExports: new Map(),
    starExports: [],
  }
  const target = (specifier: ts.Expression) =>
    ts.isStringLiteral(specifier) && specifier.text.startsWith('.')
      ? resolve(dirname(file), specifier.text)
      : undefined

  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const from = target(statement.moduleSpecifier)
      const clause = statement.importClause
      if (from === undefined || clause === undefined || clause.isTypeOnly) {
        continue
      }

      if (clause.name !== undefined) {
        module.imports.set(clause.name.text, { file: from, name: 'default' })
      }
      const bindings = clause.namedBindings
      if (bindings !== undefined && ts.isNamespaceImport(bindings)) {
        module.imports.set(bindings.name.text, { file: from, name: '*' })
      }
      if (bindings !== undefined && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements.filter((element) => !element.isTypeOnly)) {
          const imported = (element.propertyName ?? element.name).text
          module.imports.set(element.name.text, { file: from, name: imported })
        }
      }
      continue
    }

    if (ts.isExportDeclaration(statement)) {
      const from = statement.moduleSpecifier && target(statement.moduleSpecifier)
      const clause = statement.exportClause
      if (from === undefined || statement.isTypeOnly) {
        continue
      }

      if (clause === undefined) {
        module.starExports.push(from)
      } else if (ts.isNamedExports(clause)) {
        for (const element of clause.elements) {
          module.reExports.set(element.name.text, {
            file: from,
            name: (element.propertyName ?? element.name).text,
          })
        }
      }
      continue
    }

    for (const unit of unitsOf(file, statement)) {
      if (unit.name === undefined) {
        module.anonymous.push(unit)
      } else {
        module.units.set(unit.name, unit)
      }
    }
  }

  return module
}

function unitsOf(file: string, statement: ts.Statement): Unit[] {
  if (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) {
    return []
  }
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
    return [{ file, name: statement.name.text, node: statement }]
  }
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((declaration) =>
      boundNames(declaration.name).map((name) => ({ file, name, node: declaration })),
    )
  }
  if (ts.isExportAssignment(statement)) {
    return [{ file, name: 'default', node: statement }]
  }

  return [{ file, name: undefined, node: statement }]
}

function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) {
    return [name.text]
  }

  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? boundNames(element.name) : []))
}

/** Breadth-first over the references between top-level declarations, from the entry files. */
function reachableUnits(modules: Map<string, Module>, sourceDir: string): Unit[] {
  const roots = ENTRY_FILES.map((name) => modules.get(join(sourceDir, name)))
    .filter((module) => module !== undefined)
    .flatMap((module) => [...module.units.values(), ...module.anonymous])
  const seen = new Set<Unit>(roots)
  const queue = [...roots]

  for (let unit = queue.shift(); unit !== undefined; unit = queue.shift()) {
    const module = modules.get(unit.file)!
    for (const name of referencedNames(unit.node)) {
      for (const next of resolveName(modules, module, unit.file, name)) {
        if (!seen.has(next)) {
          seen.add(next)
          queue.push(next)
        }
      }
    }
  }

  return [...seen]
}

function referencedNames(root: ts.Node): Set<string> {
  const names = new Set<string>()
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && !isMemberName(node)) {
      names.add(node.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(root)

  return names
}

/** `x.name` and `{ name: … }` use `name` as a member, not as a reference to a declaration. */
function isMemberName(node: ts.Identifier): boolean {
  const parent = node.parent

  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node) ||
    (ts.isMethodDeclaration(parent) && parent.name === node)
  )
}

function resolveName(modules: Map<string, Module>, module: Module, file: string, name: string): Unit[] {
  const local = module.units.get(name)
  if (local !== undefined) {
    return [local]
  }

  const imported = module.imports.get(name)
  if (imported === undefined) {
    return []
  }

  return resolveExport(modules, imported.file, imported.name, new Set([file]))
}

function resolveExport(
  modules: Map<string, Module>,
  file: string,
  name: string,
  visited: Set<string>,
): Unit[] {
  const module = modules.get(file)
  if (module === undefined || visited.has(`${file}#${name}`)) {
    return []
  }

  visited.add(`${file}#${name}`)
  if (name === '*') {
    return [...module.units.values()]
  }

  const local = module.units.get(name)
  if (local !== undefined) {
    return [local]
  }

  const reExported = module.reExports.get(name)
  if (reExported !== undefined) {
    return resolveExport(modules, reExported.file, reExported.name, visited)
  }

  return module.starExports.flatMap((from) => resolveExport(modules, from, name, visited))
}

function builtEventTypes(root: ts.Node): { eventType: EventType; node: ts.Node }[] {
  const found: { eventType: EventType; node: ts.Node }[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) && isEventType(node.text) && isBuilding(node)) {
      found.push({ eventType: node.text, node })
    }
    ts.forEachChild(node, visit)
  }
  visit(root)

  return found
}

function isBuilding(literal: ts.StringLiteralLike): boolean {
  const parent = literal.parent
  if (
    ts.isLiteralTypeNode(parent) ||
    ts.isElementAccessExpression(parent) ||
    ts.isCaseClause(parent) ||
    ts.isComputedPropertyName(parent)
  ) {
    return false
  }
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent)) && parent.name === literal) {
    return false
  }
  if (ts.isBinaryExpression(parent)) {
    const operator = parent.operatorToken.kind

    return ![
      ts.SyntaxKind.EqualsEqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsEqualsToken,
      ts.SyntaxKind.EqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsToken,
    ].includes(operator)
  }
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText()

    return !TYPE_TESTS.has(name)
  }

  return true
}
