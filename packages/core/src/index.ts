export type { LogKeys, TraceFieldOptions } from "./options.js";
export { getTraceContext, type TraceContext } from "./trace-context.js";
export { type TraceFields, traceFields } from "./trace-fields.js";
