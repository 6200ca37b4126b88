import { spawn, type SpawnOptions } from 'node:child_process'

export interface CommandResult {
  code: number
  output: string
}

/** Runs a program to completion, collecting stdout and stderr together for error messages. */
export function runCommand(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): Promise<CommandResult> {
  return new Promise((resolveResult, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('close', (code) => resolveResult({ code: code ?? 1, output }))
  })
}

export async function runOrThrow(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): Promise<string> {
  const result = await runCommand(command, args, options)
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.code}:\n${result.output.trimEnd()}`)
  }

  return result.output
}
