import { type ContextLike, readActiveContext, readSpanContextIn } from "./active-span-context.js";

/** The identity of the active span, as written into log records. */
export interface TraceContext {
  /** 32 lowercase hex characters, not all zero. */
  readonly traceId: string;
  /** 16 lowercase hex characters, not all zero. */
  readonly spanId: string;
  /** W3C trace flags byte (bit 0: sampled). */
  readonly traceFlags: number;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE_ID = "0".repeat(32);
const ZERO_SPAN_ID = "0".repeat(16);

interface SpanContextLike {
  traceId?: unknown;
  spanId?: unknown;
  traceFlags?: unknown;
}

/**
 * Validation result per span context object. SDK spans return the same object from every
 * `spanContext()` call, so a span is validated once however many lines it logs.
 */
const validated = new WeakMap<object, TraceContext | null>();

// OpenTelemetry contexts are immutable (setValue returns a new one) and a span's identity never
// changes, so the answer for the context a run of lines shares is kept: the lines of one request
// skip the span lookup. One entry, so at most one ended span outlives its last line.
let lastContext: ContextLike | undefined;
let lastTraceContext: TraceContext | undefined;

/** Validates a raw span context; undefined when it is not a usable span identity. */
export function toTraceContext(raw: unknown): TraceContext | undefined {
  if (raw === null || typeof raw !== "object") return undefined;
  const cached = validated.get(raw);
  if (cached !== undefined) return cached ?? undefined;
  const checked = validate(raw as SpanContextLike);
  validated.set(raw, checked ?? null);
  return checked;
}

function validate(candidate: SpanContextLike): TraceContext | undefined {
  try {
    const { traceId, spanId, traceFlags } = candidate;
    if (typeof traceId !== "string" || !TRACE_ID.test(traceId) || traceId === ZERO_TRACE_ID) {
      return undefined;
    }
    if (typeof spanId !== "string" || !SPAN_ID.test(spanId) || spanId === ZERO_SPAN_ID) {
      return undefined;
    }
    if (typeof traceFlags !== "number" || !Number.isInteger(traceFlags)) return undefined;
    if (traceFlags < 0 || traceFlags > 0xff) return undefined;
    return Object.freeze({ traceId, spanId, traceFlags });
  } catch {
    // A span context with throwing getters is treated like no span at all.
    return undefined;
  }
}

/**
 * The active span's trace id, span id and flags, or undefined when no span is active or its
 * context is invalid. Works whichever copy and version of @opentelemetry/api 1.x registered the
 * context manager. Never throws.
 */
export function getTraceContext(): TraceContext | undefined {
  const context = readActiveContext();
  if (context === undefined) return undefined;
  if (context === lastContext) return lastTraceContext;
  const traceContext = toTraceContext(readSpanContextIn(context));
  lastContext = context;
  lastTraceContext = traceContext;
  return traceContext;
}
