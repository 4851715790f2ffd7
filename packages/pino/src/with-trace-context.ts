import type { TraceFieldOptions } from "@logtrace/core";
import { compileTraceFields } from "@logtrace/core/internal";
import {
  boundTraceKeys,
  fieldsExcept,
  keysWrittenIn,
  passedTraceKeys,
  toMembers,
} from "./explicit-keys.js";

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
 * Returns pino options that add `trace_id`, `span_id` and `trace_flags` of the active
 * OpenTelemetry span to every line: `pino(withTraceContext({ level: "info" }))`.
 *
 * Keeps everything you pass: `timestamp` (still written first), `mixin` and
 * `mixinMergeStrategy`, `formatters` (your `log` formatter runs first), `hooks` (your
 * `streamWrite` sees the finished line), `nestedKey`, `transport`, and the rest. A key you pass in a
 * call, return from your mixin or bind on a child wins, and no key is ever written twice.
 * Works for pino 7 and later, child loggers and pino-http, with no version check.
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
  const keys = reader.keys.all;
  const userTime = userTimeFunction(given.timestamp);
  const userFormatters = given.formatters ?? {};
  const userLog = optionalFunction<LogFormatter>(userFormatters.log, "formatters.log");
  const userHooks = given.hooks ?? {};
  const userStreamWrite = optionalFunction<StreamWriteHook>(
    userHooks.streamWrite,
    "hooks.streamWrite",
  );

  // pino builds a line in one synchronous pass: timestamp() (as a method of the logger), then
  // mixin, then formatters.log(object), then hooks.streamWrite(line). Two ways to add the fields:
  // - line mode, once streamWrite is known to run (pino ≥ 9): the pre-serialized members ride
  //   in the timestamp string, one concatenation per line. formatters.log only checks whether
  //   the record carries a trace key itself; if so, streamWrite removes ours (theirs win).
  // - object mode, until then (the first line; pino 7 and 8 always): formatters.log adds the
  //   fields to a copy of the record, leaving out keys it already has.
  // With nestedKey, pino nests every record key (mixin and formatter output too), so nothing
  // but a binding can clash at the top level: line mode from the start, without checks.
  // A child given its own formatters.log replaces ours (pino allows it): its lines are then
  // checked for clashes by their text in streamWrite, and a first line in object mode gets the
  // fields spliced in there.
  const recordIsNested = given.nestedKey !== undefined && given.nestedKey !== null;
  let lineMode = recordIsNested;
  let objectModeAddedFields = false;
  // Set by timestamp() for a line built before line mode, cleared by streamWrite.
  let objectModeLine = false;

  // The spanned line being built: set by timestamp(), read by formatters.log and streamWrite,
  // cleared by streamWrite. A line without a span touches none of it.
  let logger: unknown;
  let emittedMembers: string | undefined;
  let clashingKeys: ReadonlySet<string> | undefined;
  let formatterRan = false;
  // A log call made while pino serializes another line (from a serializer, say) nests inside it:
  // the outer line's state waits here until the inner line is written. Capped, in case a
  // throwing serializer ever leaves a line unfinished.
  const outerLines: [unknown, string, ReadonlySet<string> | undefined, boolean][] = [];

  const appendFields = (time: string, self: unknown): string => {
    if (!lineMode) {
      logger = self;
      objectModeLine = true;
      return time;
    }
    let members = reader.json();
    if (members === undefined) return time;
    const bound = boundTraceKeys(self, keys);
    if (bound.size > 0) {
      const fields = fieldsExcept(reader, bound);
      members = fields && Object.keys(fields).length > 0 ? toMembers(fields) : undefined;
      if (members === undefined) return time;
    }
    // With a nested record nothing can clash, so there is nothing to remember for later.
    if (!recordIsNested) {
      if (emittedMembers !== undefined && outerLines.length < 16) {
        outerLines.push([logger, emittedMembers, clashingKeys, formatterRan]);
      }
      logger = self;
      emittedMembers = members;
      clashingKeys = undefined;
      formatterRan = false;
    }
    return `${time},${members}`;
  };

  const timestamp: TimeFunction =
    userTime === epochTime
      ? function (this: unknown) {
          return appendFields(`,"time":${Date.now()}`, this);
        }
      : function (this: unknown) {
          return appendFields(userTime.call(this), this);
        };

  const log: LogFormatter = (object) => {
    const record = userLog === undefined ? object : userLog(object);
    if (lineMode) {
      // Without a span on this line (emittedMembers unset) there is nothing to check.
      if (emittedMembers !== undefined) {
        clashingKeys = passedTraceKeys(record, keys);
        formatterRan = true;
      }
      return record;
    }
    objectModeAddedFields = true;
    const fields = fieldsExcept(
      reader,
      passedTraceKeys(record, keys),
      boundTraceKeys(logger, keys),
    );
    // A copy: the record may be the caller's own merge object.
    return fields ? Object.assign(fields, record) : record;
  };

  const removeClashingMembers = (line: string, clashing: ReadonlySet<string>): string => {
    const emitted = `,${emittedMembers}`;
    const at = line.indexOf(emitted);
    if (at === -1) return line;
    const kept = fieldsExcept(reader, clashing, boundTraceKeys(logger, keys));
    const replacement = kept && Object.keys(kept).length > 0 ? `,${toMembers(kept)}` : "";
    return line.slice(0, at) + replacement + line.slice(at + emitted.length);
  };

  /** Fields for a line our formatters.log never saw: every trace key written in it is theirs. */
  const fieldsNotIn = (line: string, from: number) =>
    fieldsExcept(reader, keysWrittenIn(line, keys, from), boundTraceKeys(logger, keys));

  const streamWrite: StreamWriteHook = (line) => {
    // The common case first: a line without a span, once the mode is settled.
    if (emittedMembers === undefined && !objectModeLine) {
      return userStreamWrite === undefined ? line : userStreamWrite(line);
    }
    let out = line;
    if (objectModeLine) {
      // This hook runs, so lines can carry the fields from now on.
      objectModeLine = false;
      lineMode = true;
      if (objectModeAddedFields) objectModeAddedFields = false;
      else {
        const fields = fieldsNotIn(line, 0);
        if (fields && Object.keys(fields).length > 0 && line.startsWith("{")) {
          out = `{${toMembers(fields)},${line.slice(1)}`;
        }
      }
    } else if (emittedMembers !== undefined) {
      if (!formatterRan) {
        const after = line.indexOf(emittedMembers) + emittedMembers.length;
        const theirs = keysWrittenIn(line, keys, after);
        if (theirs.size > 0) clashingKeys = theirs;
      }
      if (clashingKeys !== undefined) out = removeClashingMembers(line, clashingKeys);
      const outer = outerLines.pop();
      if (outer) [logger, emittedMembers, clashingKeys, formatterRan] = outer;
      else {
        emittedMembers = undefined;
        clashingKeys = undefined;
      }
    }
    return userStreamWrite === undefined ? out : userStreamWrite(out);
  };

  return {
    ...given,
    timestamp,
    formatters: { ...userFormatters, log },
    hooks: { ...userHooks, streamWrite },
  } as Omit<O, keyof TraceContextPinoOptions> & TraceContextPinoOptions;
}
