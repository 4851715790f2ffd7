import type { TraceContext, TraceFields } from "@logtrace/core";
import type { TraceFieldsReader } from "@logtrace/core/internal";
import { type Capture, NO_SPAN } from "./capture-meta.js";
import { diagnostics } from "./diagnostics.js";
import { appendTail, isLogformJson, tailOf, writesCompactLine } from "./json-splice.js";
import { writtenFields } from "./written-fields.js";

/** What winston calls of a format; loosely typed to fit every logform a winston 3 brings. */
export interface WinstonFormat {
  options?: object;
  // biome-ignore lint/suspicious/noExplicitAny: must accept each logform version's info type.
  transform(info: any, opts?: any): any;
}

type Info = Record<string | symbol, unknown>;

/**
 * Runs the user's format with the call's captured span as fields. A trace key the record already
 * carries wins, and a record has each key once. Keys first for any format; line first (fields
 * appended to the line, then put on the record) for a compact json(), see json-splice.ts.
 */
export function traceFormat(
  reader: TraceFieldsReader,
  slot: symbol,
  inner: WinstonFormat,
): WinstonFormat {
  const keys = reader.keys.all;
  const innerIsJson = isLogformJson(inner);
  // One access site per key keeps each monomorphic; a loop's site would go megamorphic.
  const [k0, k1, k2, k3] = keys as [string, string, string, string | undefined];

  // Built once per span: a span usually logs several lines in a row.
  let lastContext: TraceContext | undefined;
  let lastTail = "";
  const tailFor = (context: TraceContext): string => {
    if (context !== lastContext) {
      lastTail = tailOf(reader.jsonOf(context));
      lastContext = context;
    }
    return lastTail;
  };

  const carriesNoTraceKey = (info: Info): boolean =>
    info[k0] === undefined &&
    info[k1] === undefined &&
    info[k2] === undefined &&
    (k3 === undefined || info[k3] === undefined);

  const writeAllFields = (info: Info, fields: Readonly<TraceFields>): void => {
    info[k0] = fields[k0];
    info[k1] = fields[k1];
    info[k2] = fields[k2];
    if (k3 !== undefined) info[k3] = fields[k3];
    writtenFields.remember(info, fields);
  };

  /** Writes the fields into the record, except keys it carries (remembering what it wrote). */
  const writeFields = (info: Info, context: TraceContext): void => {
    const fields = reader.fieldsOf(context);
    const before = writtenFields.of(info);
    if (before === undefined && carriesNoTraceKey(info)) {
      writeAllFields(info, fields);
      return;
    }
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const present = info[key];
      if (present === undefined || (before !== undefined && present === before[key])) {
        info[key] = fields[key];
      }
    }
    writtenFields.remember(info, fields);
  };

  /** Outside a span: an object logged before inside one gets back what was written into it. */
  const takeBackFields = (info: Info): void => {
    const before = writtenFields.of(info);
    if (before === undefined) return;
    for (const key of keys) if (info[key] === before[key]) delete info[key];
    writtenFields.remember(info, undefined);
  };

  /** Consumes the capture; writes the fields, or returns the context to append to the line. */
  const beforeUserFormat = (info: Info): TraceContext | undefined => {
    const capture = info[slot] as Capture | typeof NO_SPAN | undefined;
    if (capture === NO_SPAN) {
      takeBackFields(info);
      return undefined;
    }
    if (capture === undefined || capture.used) {
      // Never an earlier call's fields.
      if (capture === undefined) diagnostics.noCapture();
      else diagnostics.usedCapture();
      takeBackFields(info);
      return undefined;
    }
    capture.used = true;
    const context = capture.context;
    if (
      innerIsJson &&
      writesCompactLine(inner.options) &&
      carriesNoTraceKey(info) &&
      typeof info.toJSON !== "function" // json() would write what toJSON returns instead
    ) {
      return context;
    }
    writeFields(info, context);
    return undefined;
  };

  return {
    options: inner.options,
    transform(info: Info, _opts?: unknown) {
      let appendContext: TraceContext | undefined;
      try {
        appendContext = beforeUserFormat(info);
      } catch {
        // A record that cannot take the fields (hostile getters) is logged without them.
      }
      const out = inner.transform(info, inner.options);
      if (appendContext !== undefined && out) {
        try {
          appendTail(out, tailFor(appendContext));
          // For transports and their formats, which read the record, not the line.
          writeAllFields(out, reader.fieldsOf(appendContext));
        } catch {}
      }
      return out;
    },
  };
}
