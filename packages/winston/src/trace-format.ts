import type { TraceContext, TraceFields } from "@logtrace/core";
import type { TraceFieldsReader } from "@logtrace/core/internal";
import { type Capture, NO_SPAN } from "./capture-meta.js";
import { diagnostics } from "./diagnostics.js";
import { appendTail, isLogformJson, tailOf, writesCompactLine } from "./json-splice.js";
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
 * A format that runs the user's format with the span captured at the log call (see
 * capture-meta.ts) turned into fields. Every trace key the record already carries with a value
 * (passed by the caller, bound by `child()`, in `defaultMeta`) is left alone: theirs wins, and an
 * object has each key once, so no format can write it twice.
 *
 * Two ways, same result:
 * - keys first (any format): the fields are written into the record, then the user's format runs
 *   and sees them like any other key;
 * - line first (the user's format is logform's json() writing a compact line, see json-splice.ts,
 *   and the record carries no trace key yet): json() runs, the pre-serialized fields are
 *   appended to its line, and only then written into the record, for transports and their
 *   formats.
 */
export function traceFormat(
  reader: TraceFieldsReader,
  slot: symbol,
  inner: WinstonFormat,
): WinstonFormat {
  const keys = reader.keys.all;
  const innerIsJson = isLogformJson(inner);
  // One property access site per key (not a loop over the keys): each site then sees a single
  // key name, which V8 keeps fast; a loop's site sees them all and goes megamorphic.
  const [k0, k1, k2, k3] = keys as [string, string, string, string | undefined];

  // A span usually logs several lines in a row: its tail is built once.
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

  /** Writes every field into a record known to carry none of the keys. */
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

  /**
   * Consumes the call's capture and, unless the line-first way applies, writes the fields.
   * Returns the context still to be appended to the line, if the line-first way applies.
   */
  const beforeUserFormat = (info: Info): TraceContext | undefined => {
    const capture = info[slot] as Capture | typeof NO_SPAN | undefined;
    if (capture === NO_SPAN) {
      takeBackFields(info);
      return undefined;
    }
    if (capture === undefined || capture.used) {
      // No capture at all, or an earlier call's: no fields (never an earlier call's), and a
      // one-time diagnostic.
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
        } catch {
          // As above: the line is still written, without the fields.
        }
      }
      return out;
    },
  };
}
