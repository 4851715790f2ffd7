// Reads the active span's context straight from the global OpenTelemetry registry.
//
// Why not `trace.getActiveSpan()`: that goes through the caller's own copy of @opentelemetry/api,
// which refuses a registry written by a copy with a lower minor version (an agent such as
// ADOT registers api 1.9 while the app bundles 1.10). The registry slot and the span context key
// are `Symbol.for` values, identical in every 1.x copy, so reading them directly sees the span
// whichever copy registered the context manager.

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

/** The active OpenTelemetry context, or undefined when there is none or the registry is broken. */
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

/**
 * The raw span context of the span held by `context`, unvalidated, or undefined. Never throws: a
 * throwing context or span means "no span".
 */
export function readSpanContextIn(context: ContextLike): unknown {
  try {
    const span = context.getValue(SPAN_KEY) as SpanLike | undefined;
    if (span == null || typeof span.spanContext !== "function") return undefined;
    return span.spanContext();
  } catch {
    return undefined;
  }
}
