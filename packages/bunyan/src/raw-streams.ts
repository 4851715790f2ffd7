import type { TraceFieldsReader } from "@logtrace/core/internal";
import { addTraceFields } from "./record-fields.js";

interface WritableLike {
  write(record: unknown): unknown;
}

/**
 * Makes the record a raw stream is given complete and clean:
 * - beside a non-raw stream, bunyan serialized the record first, which ran the `toJSON` hook
 *   (serialize-hook.ts): the fields are in, and the disarmed `toJSON: undefined` key is removed
 *   here, so that only raw consumers pay for the deletion (it makes the record a dictionary
 *   object, slower to read; every line of every other logger stays fast);
 * - with raw streams only, nothing serialized the record, nothing ran a `toJSON`: the span's
 *   fields are added here, synchronously in the log call.
 */
function completeRecord(reader: TraceFieldsReader, record: Record<string, unknown>): void {
  if (Object.hasOwn(record, "toJSON")) {
    if (record.toJSON === undefined) delete record.toJSON;
    return;
  }
  addTraceFields(reader, record);
}

/**
 * The same stream, seen through a proxy whose `write` first completes the record (bunyan calls it
 * synchronously in the log call). Everything else (events, `records` of a RingBuffer, end()) goes
 * to the stream itself.
 */
export function withFieldsOnWrite<S extends WritableLike>(reader: TraceFieldsReader, stream: S): S {
  const write = (record: unknown) => {
    if (record !== null && typeof record === "object") {
      try {
        completeRecord(reader, record as Record<string, unknown>);
      } catch {
        // A record that cannot be completed (frozen, hostile getters) is written as it is.
      }
    }
    return stream.write(record);
  };
  return new Proxy(stream, {
    get: (target, property, receiver) =>
      property === "write" ? write : Reflect.get(target, property, receiver),
  });
}
