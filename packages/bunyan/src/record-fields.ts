import type { TraceFieldsReader } from "@logtrace/core/internal";

/**
 * Adds the active span's fields to a bunyan record, in place, except the keys it already carries
 * with a value (passed in the call or bound by a child logger: theirs win, and a record is an
 * object, so no key is ever written twice). Never throws.
 */
export function addTraceFields(reader: TraceFieldsReader, record: Record<string, unknown>): void {
  try {
    const context = reader.context();
    if (context === undefined) return;
    const fields = reader.fieldsOf(context);
    const keys = reader.keys.all;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (record[key] === undefined) record[key] = fields[key];
    }
  } catch {
    // A record that cannot take the fields (frozen, hostile getters) is written without them.
  }
}
