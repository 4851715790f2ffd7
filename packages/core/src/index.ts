export {
  DEFAULT_LOG_KEYS,
  DEFAULT_XRAY_KEY,
  type LogKeys,
  type ResolvedKeys,
  resolveKeys,
  type TraceFieldOptions,
} from "./options.js";
export { getTraceContext, type TraceContext } from "./trace-context.js";
export {
  compileTraceFields,
  type TraceFields,
  type TraceFieldsReader,
  traceFields,
} from "./trace-fields.js";
export { toXrayTraceId } from "./xray.js";
