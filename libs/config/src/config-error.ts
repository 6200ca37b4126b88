/**
 * Start-up configuration is wrong. `problems` holds one line per bad or missing variable,
 * naming the variable and what is wrong with it, never its value: values may be secrets.
 */
export class ConfigError extends Error {
  readonly problems: string[]

  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.join('\n')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}
