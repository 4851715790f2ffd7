import { compileTraceFields, type TraceFieldOptions, type TraceFieldsReader } from "@logtrace/core";
import { withFieldsOnWrite } from "./raw-streams.js";
import { createRecordHook, type RecordHook } from "./serialize-hook.js";

/** A bunyan stream entry, as given in `streams`. */
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
  /** Your streams; raw ones wrapped when the logger has no other kind. */
  // biome-ignore lint/suspicious/noExplicitAny: bunyan's own stream entry type is not ours to pin.
  streams?: any[];
}

type Traced<O> = Omit<O, keyof TraceContextBunyanOptions> & TraceContextBunyanOptions;

function fail(message: string): never {
  throw new TypeError(`@logtrace/bunyan: ${message}`);
}

const isRaw = (entry: unknown): boolean =>
  entry !== null && typeof entry === "object" && (entry as StreamEntry).type === "raw";

/**
 * With only raw streams bunyan never serializes a record, so nothing runs a `toJSON`; each raw
 * stream is wrapped instead to complete the record it is given.
 */
function rawOnlyStreams(reader: TraceFieldsReader, streams: StreamEntry[]): StreamEntry[] {
  return streams.map((entry) => {
    const stream = entry.stream as { write?: unknown } | null | undefined;
    if (stream == null || typeof stream.write !== "function") return entry; // bunyan reports it
    return {
      ...entry,
      stream: withFieldsOnWrite(reader, stream as { write(r: unknown): unknown }),
    };
  });
}

/**
 * Returns options for `bunyan.createLogger(...)` that add `trace_id`, `span_id` and `trace_flags`
 * of the active OpenTelemetry span to every record:
 * `bunyan.createLogger(withTraceContext({ name: "app" }))`.
 *
 * The fields are added synchronously inside the log call, for every stream type (stdout, file
 * path, rotating file, raw streams, RingBuffer, streams added later with `addStream`), in child
 * loggers of both kinds, for bunyan 1.8 and 2.x. A trace key the call passes or a child binds
 * wins. Nothing of bunyan is patched: this is a `toJSON` among the logger's fields (see
 * serialize-hook.ts), plus wrapped raw streams for a logger that has raw streams only.
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
  // Raw streams only: bunyan would serialize nothing, so the raw streams do the work.
  if (streams && streams.length > 0 && streams.every(isRaw)) {
    return { ...given, streams: rawOnlyStreams(reader, streams) } as Traced<O>;
  }
  return { ...given, toJSON: createRecordHook(reader) } as Traced<O>;
}
