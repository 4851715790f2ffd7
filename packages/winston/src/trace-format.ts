import type { TraceContext, TraceFieldsReader } from "@logtrace/core";
import { writtenFields } from "./written-fields.js";

/**
 * What winston needs of a format: `logger.format.transform(info, logger.format.options)`. Typed
 * loosely (method syntax, any) so that it fits the `Format` of every logform version a winston 3
 * release brings along.
 */
export interface WinstonFormat {
  options?: object;
  // biome-ignore lint/suspicious/noExplicitAny: must accept each logform version's info type.
  transform(info: any, opts?: any): any;
}

type Info = Record<string | symbol, unknown>;

/**
 * A format that runs the user's format after turning the span captured at the log call (see
 * capture-meta.ts) into fields. Every trace key the record already carries with a value (passed
 * by the caller, bound by `child()`, in `defaultMeta`) is left alone: theirs wins, and an object
 * has each key once, so no format can write it twice.
 */
export function traceFormat(
  reader: TraceFieldsReader,
  slot: symbol,
  inner: WinstonFormat,
): WinstonFormat {
  const keys = reader.keys.all;

  const addFields = (info: Info): void => {
    const context = info[slot] as TraceContext | undefined;
    // Cleared, not deleted: `delete` would turn every record into a slow dictionary object.
    if (context !== undefined) info[slot] = undefined;
    const before = writtenFields.of(info);
    if (context === undefined) {
      // An object logged before inside a span, now outside one: take back what was written.
      if (before !== undefined) {
        for (const key of keys) if (info[key] === before[key]) delete info[key];
        writtenFields.remember(info, undefined);
      }
      return;
    }
    const fields = reader.fieldsOf(context);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const present = info[key];
      if (present === undefined || (before !== undefined && present === before[key])) {
        info[key] = fields[key];
      }
    }
    writtenFields.remember(info, fields);
  };

  return {
    options: inner.options,
    transform(info: Info, _opts?: unknown) {
      try {
        addFields(info);
      } catch {
        // A record that cannot take the fields (hostile getters) is logged without them.
      }
      return inner.transform(info, inner.options);
    },
  };
}
