export { ConfigError } from './config-error.ts'
export { loadConfig, loadConfigOrExit, type Env, type FatalLogger } from './load-config.ts'
export { databaseUrl, flag, httpUrl, int, kafkaBrokers, logLevel, port, secret } from './fields.ts'
