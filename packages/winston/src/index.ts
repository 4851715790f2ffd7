export type { LogKeys, TraceFieldOptions } from "@logtrace/core";
export type { WinstonFormat } from "./trace-format.js";
export { type TraceContextWinstonOptions, withTraceContext } from "./with-trace-context.js";
