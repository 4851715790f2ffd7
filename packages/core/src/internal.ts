/**
 * `@logtrace/core/internal`: what the @logtrace adapters and CLI are built on. No stability
 * promise: it changes with them, in any release.
 */
export { DEFAULT_LOG_KEYS, type ResolvedKeys } from "./options.js";
export { compileTraceFields, type TraceFieldsReader } from "./trace-fields.js";
export { toXrayTraceId } from "./xray.js";
