export type { CliIo } from "./cli/io.js";
export { runCli } from "./cli/run-cli.js";
export type { CheckResult, DoctorReport, Finding, Status } from "./doctor/types.js";
export type { EnvReport } from "./env/env-command.js";
export type { QueryResult } from "./query/query-command.js";
