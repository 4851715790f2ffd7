import type { TraceFieldOptions } from "@logtrace/core";
import { compileTraceFields, type TraceFieldsReader } from "@logtrace/core/internal";
import { withFieldsOnWrite } from "./raw-streams.js";
import { createRecordHook, type RecordHook } from "./serialize-hook.js";

interface StreamEntry {
  type?: string;
  stream?: unknown;
  [option: string]: unknown;
}

interface UserBunyanOptions {
  streams?: unknown;
  toJSON?: unknown;
}

/** The bunyan options `withTraceContext` sets; every other option is kept as given. */
export interface TraceContextBunyanOptions {
  /** Completes each record with the span's fields while bunyan serializes it. */
  toJSON?: RecordHook;
  /** Your streams; raw ones wrapped, so that they get a complete record with no toJSON key. */
  // biome-ignore lint/suspicious/noExplicitAny: bunyan's own stream entry type is not ours to pin.
  streams?: any[];
}

type Traced<O> = Omit<O, keyof TraceContextBunyanOptions> & TraceContextBunyanOptions;

function fail(message: string): never {
  throw new TypeError(`@logtrace/bunyan: ${message}`);
}

const isRaw = (entry: unknown): boolean =>
  entry !== null && typeof entry === "object" && (entry as StreamEntry).type === "raw";

/** Raw streams wrapped (raw-streams.ts); other entries kept. */
function wrapRawStreams(reader: TraceFieldsReader, streams: StreamEntry[]): StreamEntry[] {
  return streams.map((entry) => {
    if (!isRaw(entry)) return entry;
    const stream = entry.stream as { write?: unknown } | null | undefined;
    if (stream == null || typeof stream.write !== "function") return entry; // bunyan reports it
    return {
      ...entry,
      stream: withFieldsOnWrite(reader, stream as { write(r: unknown): unknown }),
    };
  });
}

/**
 * Options for `bunyan.createLogger(...)` that add the active span's `trace_id`, `span_id` and
 * `trace_flags` to every record, in the log call, for every stream and child. A trace key the
 * call passes or a child binds wins.
 */
export function withTraceContext<O extends object>(
  bunyanOptions: O,
  options?: TraceFieldOptions,
): Traced<O> {
  const given = bunyanOptions as O & UserBunyanOptions;
  if (given === null || typeof given !== "object" || Array.isArray(given)) {
    fail("withTraceContext takes the bunyan options object, e.g. { name: 'app' }");
  }
  if (given.toJSON !== undefined) {
    fail("the bunyan option toJSON is where the trace fields are added; remove your own");
  }
  const reader = compileTraceFields(options);
  const streams = Array.isArray(given.streams) ? (given.streams as StreamEntry[]) : undefined;
  if (!streams?.some(isRaw)) return { ...given, toJSON: createRecordHook(reader) } as Traced<O>;
  const wrapped = wrapRawStreams(reader, streams);
  // Raw streams only: nothing is serialized, so they do all the work.
  if (streams.every(isRaw)) return { ...given, streams: wrapped } as Traced<O>;
  return { ...given, streams: wrapped, toJSON: createRecordHook(reader) } as Traced<O>;
}
