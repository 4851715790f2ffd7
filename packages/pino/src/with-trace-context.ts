import type { TraceFieldOptions } from "@logtrace/core";
import { compileTraceFields } from "@logtrace/core/internal";
import { LineState } from "./line-state.js";

type TimeFunction = (this: unknown) => string;
type LogFormatter = (object: Record<string, unknown>) => Record<string, unknown>;
type StreamWriteHook = (line: string) => string;

interface UserPinoOptions {
  timestamp?: unknown;
  nestedKey?: unknown;
  formatters?: { log?: unknown; [formatter: string]: unknown };
  hooks?: { streamWrite?: unknown; [hook: string]: unknown };
}

function optionalFunction<T>(value: unknown, name: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "function") {
    throw new TypeError(`@logtrace/pino: ${name} must be a function (got ${typeof value})`);
  }
  return value as T;
}

/** pino's own time functions for `timestamp: true | false` (its default is epoch milliseconds). */
const epochTime: TimeFunction = () => `,"time":${Date.now()}`;
const noTime: TimeFunction = () => "";

function userTimeFunction(timestamp: unknown): TimeFunction {
  if (timestamp === undefined || timestamp === true) return epochTime;
  if (timestamp === false) return noTime;
  return optionalFunction<TimeFunction>(timestamp, "timestamp") as TimeFunction;
}

/** The pino options `withTraceContext` sets or wraps; every other option is kept as given. */
export interface TraceContextPinoOptions {
  timestamp: TimeFunction;
  formatters: { log: LogFormatter; [formatter: string]: unknown };
  hooks: { streamWrite: StreamWriteHook; [hook: string]: unknown };
}

/**
 * pino options that add the active span's `trace_id`, `span_id` and `trace_flags` to every line:
 * `pino(withTraceContext({ level: "info" }))`. Keeps every option you pass (your `log` formatter
 * runs first, your `streamWrite` sees the finished line). A trace key you pass, return from your
 * mixin or bind on a child wins, and no key is written twice. pino 7 and later.
 */
export function withTraceContext<O extends object = Record<never, never>>(
  pinoOptions?: O,
  options?: TraceFieldOptions,
): Omit<O, keyof TraceContextPinoOptions> & TraceContextPinoOptions {
  const given = (pinoOptions ?? {}) as O & UserPinoOptions;
  if (typeof given !== "object" || Array.isArray(given)) {
    throw new TypeError("@logtrace/pino: withTraceContext takes a pino options object");
  }
  if (typeof (given as { write?: unknown }).write === "function") {
    throw new TypeError(
      "@logtrace/pino: withTraceContext takes pino options, not a destination stream; pass the stream as pino's second argument",
    );
  }
  const reader = compileTraceFields(options);
  const userTime = userTimeFunction(given.timestamp);
  const userFormatters = given.formatters ?? {};
  const userLog = optionalFunction<LogFormatter>(userFormatters.log, "formatters.log");
  const userHooks = given.hooks ?? {};
  const userStreamWrite = optionalFunction<StreamWriteHook>(
    userHooks.streamWrite,
    "hooks.streamWrite",
  );

  // pino calls these three in turn for each line, in one synchronous pass, with nothing that
  // ties them to the line: what they share lives in one LineState per options object.
  const line = new LineState(reader, given.nestedKey !== undefined && given.nestedKey !== null);
  const timestamp: TimeFunction =
    userTime === epochTime
      ? function (this: unknown) {
          return line.begin(`,"time":${Date.now()}`, this);
        }
      : function (this: unknown) {
          return line.begin(userTime.call(this), this);
        };
  const log: LogFormatter =
    userLog === undefined
      ? (object) => line.noteRecord(object)
      : (object) => line.noteRecord(userLog(object));
  const streamWrite: StreamWriteHook =
    userStreamWrite === undefined
      ? (text) => line.finish(text)
      : (text) => userStreamWrite(line.finish(text));

  return {
    ...given,
    timestamp,
    formatters: { ...userFormatters, log },
    hooks: { ...userHooks, streamWrite },
  } as Omit<O, keyof TraceContextPinoOptions> & TraceContextPinoOptions;
}
