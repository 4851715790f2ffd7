import type { TraceFieldsReader } from "@logtrace/core/internal";
import { addTraceFields } from "./record-fields.js";

interface WritableLike {
  write(record: unknown): unknown;
}

// Beside a non-raw stream the hook already ran: only raw consumers pay for removing its key (a
// slower dictionary record). With raw streams only, nothing ran it: the fields are added here.
function completeRecord(reader: TraceFieldsReader, record: Record<string, unknown>): void {
  if (Object.hasOwn(record, "toJSON")) {
    if (record.toJSON === undefined) delete record.toJSON;
    return;
  }
  addTraceFields(reader, record);
}

/** The stream behind a proxy whose `write` (called in the log call) completes the record first. */
export function withFieldsOnWrite<S extends WritableLike>(reader: TraceFieldsReader, stream: S): S {
  const write = (record: unknown) => {
    if (record !== null && typeof record === "object") {
      try {
        completeRecord(reader, record as Record<string, unknown>);
      } catch {
        // Frozen or hostile: written as it is.
      }
    }
    return stream.write(record);
  };
  return new Proxy(stream, {
    get: (target, property, receiver) =>
      property === "write" ? write : Reflect.get(target, property, receiver),
  });
}
