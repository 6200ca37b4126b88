/** Where the tooling sends its short progress lines; the CLI and the test set-up print them. */
export type Report = (line: string) => void

export const printReport: Report = (line) => console.log(`infra: ${line}`)

export const silentReport: Report = () => undefined
