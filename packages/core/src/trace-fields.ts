import { type ResolvedKeys, resolveKeys, type TraceFieldOptions } from "./options.js";
import { getTraceContext, type TraceContext } from "./trace-context.js";
import { toXrayTraceId } from "./xray.js";

/** Log record fields: `{ trace_id, span_id, trace_flags }` under the configured keys. */
export type TraceFields = Record<string, string>;

/** Reads the active span as log fields, with options validated once. */
export interface TraceFieldsReader {
  /** The output keys, in order. */
  readonly keys: ResolvedKeys;
  /**
   * `getTraceContext()`, to capture at the log call and render later. A method, so a CommonJS
   * adapter build calls it directly, not through a namespace getter per line.
   */
  context(): TraceContext | undefined;
  /** A fresh object with the active span's fields (safe to mutate), or undefined without a span. */
  fields(): TraceFields | undefined;
  /** The fields as JSON members without braces, to splice into a serialized line. */
  json(): string | undefined;
  /** The fields of a given context, frozen and shared: copy before mutating. */
  fieldsOf(context: TraceContext): Readonly<TraceFields>;
  /** `json()` for a context captured earlier. */
  jsonOf(context: TraceContext): string;
}

const FLAG_HEX = Array.from({ length: 256 }, (_, flags) => flags.toString(16).padStart(2, "0"));

interface Rendered {
  readonly fields: Readonly<TraceFields>;
  readonly json: string;
}

/** Invalid options throw here, never at log time. Rendering is cached per span. */
export function compileTraceFields(options?: TraceFieldOptions): TraceFieldsReader {
  const keys = resolveKeys(options);
  const rendered = new WeakMap<TraceContext, Rendered>();
  let lastContext: TraceContext | undefined;
  let lastRendered: Rendered | undefined;
  // Each member's `"key":"` and the separators, quoted once: a new span's fields are one join.
  const [traceIdOpen, spanIdOpen, flagsOpen, xrayOpen] = keys.all.map(
    (key, index) => `${index === 0 ? "" : '",'}${JSON.stringify(key)}:"`,
  );

  const render = (context: TraceContext): Rendered => {
    if (context === lastContext && lastRendered) return lastRendered;
    let entry = rendered.get(context);
    if (!entry) {
      const fields: TraceFields = {
        [keys.traceId]: context.traceId,
        [keys.spanId]: context.spanId,
        [keys.traceFlags]: FLAG_HEX[context.traceFlags] as string,
      };
      const flags = fields[keys.traceFlags] as string;
      const parts = [traceIdOpen, context.traceId, spanIdOpen, context.spanId, flagsOpen, flags];
      if (keys.xrayTraceId) {
        const xray = toXrayTraceId(context.traceId);
        fields[keys.xrayTraceId] = xray;
        parts.push(xrayOpen as string, xray);
      }
      parts.push('"');
      // Joined, not concatenated: a concatenation stays a rope that every line would walk.
      const json = parts.join("");
      entry = { fields: Object.freeze(fields), json };
      rendered.set(context, entry);
    }
    lastContext = context;
    lastRendered = entry;
    return entry;
  };

  return {
    keys,
    context: getTraceContext,
    fields() {
      const context = getTraceContext();
      return context ? { ...render(context).fields } : undefined;
    },
    json() {
      const context = getTraceContext();
      return context ? render(context).json : undefined;
    },
    fieldsOf(context) {
      return render(context).fields;
    },
    jsonOf(context) {
      return render(context).json;
    },
  };
}

/** The active span's log fields (`{ trace_id, span_id, trace_flags }` by default), or `{}`. */
export function traceFields(options?: TraceFieldOptions): TraceFields {
  return compileTraceFields(options).fields() ?? {};
}
