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

/** SDK spans return the same span context object on every call: validate each once. */
const validated = new WeakMap<object, TraceContext | null>();

// Contexts are immutable, so the lines of one request, sharing one, skip the lookup. One entry:
// at most one ended span outlives its last line.
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
    return undefined;
  }
}

/**
 * The active span's ids and flags; undefined without a valid active span. Works whichever
 * @opentelemetry/api 1.x copy registered the context manager. Never throws.
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
