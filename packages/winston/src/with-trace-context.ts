import type { TraceFieldOptions } from "@logtrace/core";
import { compileTraceFields } from "@logtrace/core/internal";
import logform from "logform";
import { captureDefaultMeta, createCaptureSlot } from "./capture-meta.js";
import { traceFormat, type WinstonFormat } from "./trace-format.js";

/** The winston options `withTraceContext` sets; every other option is kept as given. */
export interface TraceContextWinstonOptions {
  /** Your format (winston's default, JSON, when you gave none), run after the fields are added. */
  format: WinstonFormat;
  /** Your `defaultMeta`, plus the span captured at each log call. */
  defaultMeta: Record<string | symbol, unknown>;
}

interface UserWinstonOptions {
  format?: unknown;
  defaultMeta?: unknown;
}

function fail(message: string): never {
  throw new TypeError(`@logtrace/winston: ${message}`);
}

function userFormat(format: unknown): WinstonFormat {
  // winston's own default when no format is given.
  if (format === undefined || format === null) return logform.format.json() as WinstonFormat;
  if (typeof (format as WinstonFormat).transform !== "function") {
    fail("format must be a winston format, e.g. winston.format.json() (it has no transform())");
  }
  return format as WinstonFormat;
}

function userDefaultMeta(defaultMeta: unknown): object | undefined {
  if (defaultMeta === undefined || defaultMeta === null) return undefined;
  if (typeof defaultMeta !== "object" || Array.isArray(defaultMeta)) {
    fail(
      `defaultMeta must be an object (got ${Array.isArray(defaultMeta) ? "an array" : typeof defaultMeta})`,
    );
  }
  return defaultMeta;
}

/**
 * Options for `winston.createLogger(...)` that add the active span's `trace_id`, `span_id` and
 * `trace_flags` to every line. The span is captured in the log call, so lines stay right when a
 * slow transport delays formatting. Your `format` runs after the fields are added; your
 * `defaultMeta` is kept. A trace key the call passes, a child binds or `defaultMeta` sets wins.
 */
export function withTraceContext<O extends object = Record<never, never>>(
  winstonOptions?: O,
  options?: TraceFieldOptions,
): Omit<O, keyof TraceContextWinstonOptions> & TraceContextWinstonOptions {
  const given = (winstonOptions ?? {}) as O & UserWinstonOptions;
  if (typeof given !== "object" || Array.isArray(given)) {
    fail("withTraceContext takes a winston options object");
  }
  const reader = compileTraceFields(options);
  const inner = userFormat(given.format);
  const meta = userDefaultMeta(given.defaultMeta);
  const slot = createCaptureSlot();
  return {
    ...given,
    format: traceFormat(reader, slot, inner),
    defaultMeta: captureDefaultMeta(meta, slot, reader),
  };
}
