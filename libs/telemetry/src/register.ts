/**
 * Entry for `node --import @pay/telemetry/register`: installs the ESM loader hook the
 * instrumentations need to patch `import`ed modules, then starts telemetry, all before the
 * service's own modules load. The service name comes from OTEL_SERVICE_NAME.
 */
import { register as registerImportHook } from 'import-in-the-middle/register-hooks.mjs'

import { startTelemetry } from './start-telemetry.ts'

// Only the packages we instrument go through the hook: wrapping every module would slow
// start-up and has broken packages with unusual export shapes.
registerImportHook({
  include: ['pg', 'pg-pool', 'kafkajs', 'undici', 'http', 'https', 'node:http', 'node:https'],
})

if (process.env.OTEL_SDK_DISABLED !== 'true') {
  await startTelemetry({ serviceName: process.env.OTEL_SERVICE_NAME ?? 'unknown_service' })
}
