import type { TraceFieldsReader } from "@logtrace/core/internal";
import { addTraceFields } from "./record-fields.js";

// bunyan copies the logger's fields into each record (getters would be read once), then, in the
// same call, JSON.stringify-s it for the non-raw streams before raw ones get it. A `toJSON` among
// the fields thus runs inside the log call, on the finished record, and completes it in place.

/** The `toJSON` field: completes a record with the span's fields, then steps aside. */
export type RecordHook = (this: Record<string, unknown>, key?: unknown) => Record<string, unknown>;

/** A bunyan record (what mkRecord builds), as opposed to the logger's `fields` or options. */
function isRecord(value: Record<string, unknown>): boolean {
  return (
    Object.hasOwn(value, "v") && typeof value.level === "number" && typeof value.msg === "string"
  );
}

export function createRecordHook(reader: TraceFieldsReader): RecordHook {
  return function toJSON(this: Record<string, unknown>, key?: unknown) {
    // Only bunyan's own top-level call (key "") is in the log call; any other (fields shown, a
    // record dumped later) gets plain data, neither another context's span nor a disarmed hook.
    if (key !== "" || !isRecord(this)) {
      const { toJSON: _hook, ...plain } = this;
      return plain;
    }
    addTraceFields(reader, this);
    // Undefined, which JSON omits: deleting would make a slow dictionary object. Raw streams
    // remove the key themselves (raw-streams.ts).
    this.toJSON = undefined;
    return this;
  };
}
