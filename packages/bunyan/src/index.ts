export type { LogKeys, TraceFieldOptions } from "@logtrace/core";
export type { RecordHook } from "./serialize-hook.js";
export { type TraceContextBunyanOptions, withTraceContext } from "./with-trace-context.js";
