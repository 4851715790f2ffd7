export type { LogKeys, TraceFieldOptions } from "@logtrace/core";
export { type PinoMixin, traceMixin } from "./trace-mixin.js";
export { type TraceContextPinoOptions, withTraceContext } from "./with-trace-context.js";
