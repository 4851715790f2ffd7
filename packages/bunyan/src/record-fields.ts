import type { TraceFieldsReader } from "@logtrace/core/internal";

/** Adds the span's fields in place, except keys the record already carries (theirs win). */
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
    // Frozen or hostile: written without them.
  }
}
