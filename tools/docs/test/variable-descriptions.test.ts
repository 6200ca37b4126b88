import { serviceConfigSchema } from '@pay/runtime'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { configSection, undescribedVariables } from '../src/config-section.ts'
import { configVariables } from '../src/config-variables.ts'
import { documentedServices, type DocumentedService } from '../src/service-catalogue.ts'
import { variableDescriptions } from '../src/variable-descriptions.ts'

const undescribedService: DocumentedService = {
  name: 'example',
  configSchema: z.object({ NOBODY_DESCRIBED_THIS: z.string() }),
  definition: { name: 'example' },
}

describe('variable descriptions', () => {
  it('every variable a service reads should have a description', () => {
    expect(
      undescribedVariables(documentedServices),
      'give these a .describe() in their schema or an entry in tools/docs/src/variable-descriptions.ts',
    ).toEqual([])
  })

  it('undescribedVariables should name a variable described nowhere', () => {
    expect(undescribedVariables([undescribedService])).toEqual(['NOBODY_DESCRIBED_THIS'])
    expect(() => configSection([undescribedService])).toThrow(/NOBODY_DESCRIBED_THIS has no description/)
  })

  it('the description table should name only variables some service reads', () => {
    const read = new Set(
      [serviceConfigSchema, ...documentedServices.map((service) => service.configSchema)]
        .flatMap(configVariables)
        .map((variable) => variable.name),
    )

    expect(Object.keys(variableDescriptions).filter((name) => !read.has(name))).toEqual([])
  })
})
