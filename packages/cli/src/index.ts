export { type CliIo, processIo } from "./cli/io.js";
export { mainUsage, runCli } from "./cli/run-cli.js";
export { EXIT, UsageError } from "./cli/usage-error.js";
export { CHECKS } from "./doctor/checks/index.js";
export { renderDoctorText } from "./doctor/render-text.js";
export { runDoctor } from "./doctor/run-doctor.js";
export {
  type InstalledPackages,
  type PackageCopy,
  scanInstalledPackages,
} from "./doctor/scan/installed-packages.js";
export { type DeclaredRange, readDeclaredRanges } from "./doctor/scan/instrumentation-ranges.js";
export {
  type CheckDefinition,
  type CheckResult,
  DOCTOR_SCHEMA,
  type DoctorInputs,
  type DoctorReport,
  type Finding,
  type Status,
} from "./doctor/types.js";
export { ENV_SCHEMA } from "./env/env-command.js";
export {
  buildIndexPolicy,
  buildTraceQuery,
  type IndexPolicy,
  type TraceQuery,
} from "./query/insights-query.js";
export { QUERY_SCHEMA, type QueryResult } from "./query/query-command.js";
export { type ParsedTraceId, parseTraceId } from "./query/trace-id.js";
