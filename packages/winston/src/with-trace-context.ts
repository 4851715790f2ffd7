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
 * Returns options for `winston.createLogger(...)` (or `logger.configure(...)`) that add
 * `trace_id`, `span_id` and `trace_flags` of the active OpenTelemetry span to every line:
 * `winston.createLogger(withTraceContext({ transports: [new winston.transports.Console()] }))`.
 *
 * The span is captured synchronously in the log call (through `defaultMeta`), so lines stay right
 * when a slow transport makes winston format them later. Keeps your `format` (run after the fields
 * are added, so json, logfmt, printf and combine all see them) and your `defaultMeta` (merged,
 * getters kept). A trace key the call passes, a child binds or your `defaultMeta` sets wins.
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
