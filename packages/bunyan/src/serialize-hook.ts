import type { TraceFieldsReader } from "@logtrace/core/internal";
import { addTraceFields } from "./record-fields.js";

// bunyan builds each record by copying the logger's fields (a plain copy: getters would be read
// once, when the logger is made), then, in the same synchronous call, serializes it once with
// JSON.stringify for every non-raw stream, and only then hands the record object to raw streams.
// JSON.stringify calls a `toJSON` method of the record with the record as `this`. So a `toJSON`
// among the logger's fields runs inside the log call, sees the finished record (the caller's and
// the child's keys included), and can complete it in place before any stream gets it.

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
    // bunyan serializes the record itself, at the top level (key ""), inside the log call. Any
    // other call (the logger's fields or options being shown, or a record that no non-raw stream
    // made bunyan serialize, inside an array dumped later) must neither take the span of whatever
    // context that is nor disarm the hook: it gets plain data.
    if (key !== "" || !isRecord(this)) {
      const { toJSON: _hook, ...plain } = this;
      return plain;
    }
    addTraceFields(reader, this);
    // Undefined, not deleted (deleting makes the record a slow dictionary object, and hiding it
    // with defineProperty costs a new hidden class per record): JSON omits it. Raw streams given
    // to withTraceContext remove the key themselves (raw-streams.ts).
    this.toJSON = undefined;
    return this;
  };
}
