import type { TraceFieldsReader } from "@logtrace/core";
import { addTraceFields } from "./record-fields.js";

interface WritableLike {
  write(record: unknown): unknown;
}

/**
 * The same stream, seen through a proxy whose `write` first adds the span's fields to the record
 * (bunyan calls it synchronously in the log call). Everything else (events, `records` of a
 * RingBuffer, end()) goes to the stream itself.
 */
export function withFieldsOnWrite<S extends WritableLike>(reader: TraceFieldsReader, stream: S): S {
  const write = (record: unknown) => {
    if (record !== null && typeof record === "object") {
      addTraceFields(reader, record as Record<string, unknown>);
    }
    return stream.write(record);
  };
  return new Proxy(stream, {
    get: (target, property, receiver) =>
      property === "write" ? write : Reflect.get(target, property, receiver),
  });
}
