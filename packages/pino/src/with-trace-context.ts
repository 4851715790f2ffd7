import { compileTraceFields, type TraceFieldOptions, type TraceFieldsReader } from "@logtrace/core";
import { boundTraceKeys, fieldsExcept, passedTraceKeys, toMembers } from "./explicit-keys.js";
import { mixinFields, type PinoMixin } from "./trace-mixin.js";

type TimeFunction = (this: unknown) => string;
type LogMethodHook = (
  this: unknown,
  args: unknown[],
  method: (...args: unknown[]) => void,
  level: number,
) => void;

interface UserPinoOptions {
  mixin?: unknown;
  timestamp?: unknown;
  nestedKey?: unknown;
  hooks?: { logMethod?: unknown; [hook: string]: unknown };
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

/**
 * The fast path: pino writes what its `timestamp` function returns (a documented partial JSON
 * string, `,"time":…`) straight into the line, synchronously at the log call. Appending the span's
 * pre-serialized members there costs one string concatenation per line, no object merge.
 * A `logMethod` hook notes the trace keys a call passes explicitly, so theirs win unduplicated.
 */
function timestampInjection(reader: TraceFieldsReader, given: UserPinoOptions) {
  const keys = reader.keys.all;
  const userTime = userTimeFunction(given.timestamp);
  const userHooks = given.hooks ?? {};
  const userLogMethod = optionalFunction<LogMethodHook>(userHooks.logMethod, "hooks.logMethod");
  // With nestedKey the caller's object is nested, so its keys never clash with ours.
  const callerKeysAreTopLevel = given.nestedKey === undefined || given.nestedKey === null;

  // The first argument of the log call in progress. Only looked into when a span is active, so
  // a line without a span pays for one assignment.
  let mergeObjectOfThisCall: unknown;

  const withFields = (time: string, logger: unknown): string => {
    const members = reader.json();
    if (members === undefined) return time;
    const passed = callerKeysAreTopLevel ? passedTraceKeys(mergeObjectOfThisCall, keys) : undefined;
    const bound = boundTraceKeys(logger, keys);
    if (passed === undefined && bound.size === 0) return `${time},${members}`;
    const fields = fieldsExcept(reader, passed, bound);
    return fields && Object.keys(fields).length > 0 ? `${time},${toMembers(fields)}` : time;
  };

  // pino calls the time function as a method of the logger, so `this` is the (child) logger.
  const timestamp: TimeFunction =
    userTime === epochTime
      ? function (this: unknown) {
          return withFields(`,"time":${Date.now()}`, this);
        }
      : function (this: unknown) {
          return withFields(userTime.call(this), this);
        };

  const logMethod: LogMethodHook = userLogMethod
    ? function (this: unknown, args, method, level) {
        // The user's hook decides the final arguments; remember the ones it hands to pino.
        userLogMethod.call(
          this,
          args,
          function (this: unknown, ...finalArgs: unknown[]) {
            mergeObjectOfThisCall = finalArgs[0];
            try {
              method.apply(this, finalArgs);
            } finally {
              mergeObjectOfThisCall = undefined;
            }
          },
          level,
        );
      }
    : function (this: unknown, args, method) {
        mergeObjectOfThisCall = args[0];
        try {
          method.apply(this, args);
        } finally {
          mergeObjectOfThisCall = undefined;
        }
      };

  const needsLogMethod = callerKeysAreTopLevel || userLogMethod !== undefined;
  return { timestamp, hooks: needsLogMethod ? { ...userHooks, logMethod } : userHooks };
}

/** With a mixin of your own, the fields join its result (your keys win) instead. */
function mixinComposition(reader: TraceFieldsReader, userMixin: PinoMixin) {
  const mixin: PinoMixin = (mergeObject, level, logger) => {
    const own = userMixin(mergeObject, level, logger);
    const fields = mixinFields(reader, mergeObject, logger);
    return own ? Object.assign(fields, own) : fields;
  };
  return { mixin };
}

/** The pino options `withTraceContext` sets or wraps; every other option is kept as given. */
export interface TraceContextPinoOptions {
  timestamp?: TimeFunction;
  mixin?: PinoMixin;
  hooks?: Record<string, unknown>;
}

/**
 * Returns pino options that add `trace_id`, `span_id` and `trace_flags` of the active
 * OpenTelemetry span to every line: `pino(withTraceContext({ level: "info" }))`.
 *
 * Keeps everything you pass: your `timestamp` (still written first), `mixin` (its keys win),
 * `mixinMergeStrategy`, `hooks` (your `logMethod` runs first), `formatters`, `nestedKey`,
 * `transport`. A key you pass in a log call or bind on a child wins and is never written twice.
 * Works for pino 7 and later, child loggers and pino-http, without any version check.
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
  const userMixin = optionalFunction<PinoMixin>(given.mixin, "mixin");
  const added = userMixin ? mixinComposition(reader, userMixin) : timestampInjection(reader, given);
  return { ...given, ...added } as Omit<O, keyof TraceContextPinoOptions> & TraceContextPinoOptions;
}
