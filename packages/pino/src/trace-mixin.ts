import type { TraceFieldOptions } from "@logtrace/core";
import { compileTraceFields, type TraceFieldsReader } from "@logtrace/core/internal";
import { boundTraceKeys, fieldsExcept, passedTraceKeys } from "./explicit-keys.js";

/** The shape of a pino `mixin` (pino ≥ 8 passes the logger as third argument). */
export type PinoMixin = (mergeObject: object, level: number, logger?: unknown) => object;

/** The mixin object for one call: the span's fields minus keys the call already carries. */
export function mixinFields(
  reader: TraceFieldsReader,
  mergeObject: object,
  logger: unknown,
): Record<string, string> {
  const keys = reader.keys.all;
  return (
    fieldsExcept(reader, passedTraceKeys(mergeObject, keys), boundTraceKeys(logger, keys)) ?? {}
  );
}

/**
 * A pino `mixin` adding `trace_id`, `span_id` and `trace_flags` of the active OpenTelemetry span:
 * `pino({ mixin: traceMixin() })`. Works with every pino major from 7 on. `withTraceContext()`
 * is faster and keeps your own mixin; use this one when you compose mixins yourself.
 */
export function traceMixin(options?: TraceFieldOptions): PinoMixin {
  const reader = compileTraceFields(options);
  return (mergeObject, _level, logger) => mixinFields(reader, mergeObject, logger);
}
