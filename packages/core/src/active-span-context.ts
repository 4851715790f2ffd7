// Reads the global OpenTelemetry registry directly, not through `trace.getActiveSpan()`: the
// caller's api copy refuses a registry written by a lower minor (ADOT registers api 1.9, the app
// bundles 1.10). Slot and key are `Symbol.for` values, the same in every 1.x copy.

/** Registry slot shared by every @opentelemetry/api 1.x copy (see api's internal/global-utils). */
const GLOBAL_API_KEY = Symbol.for("opentelemetry.js.api.1");
/** Context key under which every 1.x api copy stores the active span (api's trace/context-utils). */
const SPAN_KEY = Symbol.for("OpenTelemetry Context Key SPAN");

export interface ContextLike {
  getValue(key: symbol): unknown;
}
interface ContextManagerLike {
  active(): ContextLike | undefined;
}
interface SpanLike {
  spanContext(): unknown;
}
interface GlobalApiLike {
  context?: ContextManagerLike;
}

/** The active context; undefined when there is none or the registry is broken. */
export function readActiveContext(): ContextLike | undefined {
  try {
    const api = (globalThis as Record<symbol, GlobalApiLike | undefined>)[GLOBAL_API_KEY];
    const context = api?.context?.active();
    if (context == null || typeof context.getValue !== "function") return undefined;
    return context;
  } catch {
    return undefined;
  }
}

/** The raw, unvalidated span context held by `context`; a throwing context or span is no span. */
export function readSpanContextIn(context: ContextLike): unknown {
  try {
    const span = context.getValue(SPAN_KEY) as SpanLike | undefined;
    if (span == null || typeof span.spanContext !== "function") return undefined;
    return span.spanContext();
  } catch {
    return undefined;
  }
}
