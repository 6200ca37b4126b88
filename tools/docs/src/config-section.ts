import { serviceConfigSchema, serviceConfigShape } from '@pay/runtime'

import { configVariables, type ConfigVariable } from './config-variables.ts'
import { code, markdownTable } from './markdown.ts'
import type { DocumentedService } from './service-catalogue.ts'
import { descriptionOf } from './variable-descriptions.ts'

const HEADERS = ['variable', 'required / default', 'accepts', 'meaning']

/**
 * The configuration tables: the variables every service reads, then per service the ones it adds
 * or declares differently (a service's own `PORT` default, for instance).
 */
export function configSection(services: DocumentedService[]): string {
  const common = configVariables(serviceConfigSchema)
  const parts = [
    '### Every service',
    'Read by all five services, from the shared schema in `libs/runtime/src/service-config.ts`.',
    configTable(common),
  ]

  for (const service of services) {
    const own = ownVariables(service)
    parts.push(`### ${service.name}`)
    parts.push(
      own.length === 0
        ? 'Nothing besides the variables every service reads.'
        : 'Besides the variables every service reads:',
    )
    if (own.length > 0) {
      parts.push(configTable(own))
    }
  }

  return parts.join('\n\n')
}

/** Variables whose schema is not the shared one: added by the service, or redeclared with other rules. */
export function ownVariables(service: DocumentedService): ConfigVariable[] {
  const shared = serviceConfigShape as Record<string, unknown>

  return configVariables(service.configSchema).filter(
    (variable) => service.configSchema.shape[variable.name] !== shared[variable.name],
  )
}

/** Every variable that has neither a schema description nor an entry in the description table. */
export function undescribedVariables(services: DocumentedService[]): string[] {
  const all = [serviceConfigSchema, ...services.map((service) => service.configSchema)].flatMap(
    configVariables,
  )
  const missing = all.filter((variable) => descriptionOf(variable.name, variable.description) === undefined)

  return [...new Set(missing.map((variable) => variable.name))].sort()
}

function configTable(variables: ConfigVariable[]): string {
  return markdownTable(
    HEADERS,
    variables.map((variable) => [
      code(variable.name),
      requirement(variable),
      variable.accepts ?? '',
      describe(variable),
    ]),
  )
}

function requirement(variable: ConfigVariable): string {
  if (variable.required) {
    return '**required**'
  }

  if (variable.defaultValue === undefined) {
    return 'optional'
  }

  return variable.defaultValue === '' ? 'empty' : code(variable.defaultValue)
}

function describe(variable: ConfigVariable): string {
  const description = descriptionOf(variable.name, variable.description)
  if (description === undefined) {
    throw new Error(
      `${variable.name} has no description: give its schema a .describe() or add it to ` +
        'tools/docs/src/variable-descriptions.ts',
    )
  }

  return description
}
