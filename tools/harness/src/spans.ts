import type { ReceivedSpan } from "@logtrace/testkit";

export type SpanKindName =
  | "UNSPECIFIED"
  | "INTERNAL"
  | "SERVER"
  | "CLIENT"
  | "PRODUCER"
  | "CONSUMER";

/** A finished span as the collector would get it. */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: SpanKindName;
  /** Milliseconds since the epoch (fractional). */
  startMs: number;
  durationMs: number;
  status: { code: "UNSET" | "OK" | "ERROR"; message?: string };
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

// OTLP numbers kinds from UNSPECIFIED = 0 and status codes from UNSET = 0.
const KINDS: SpanKindName[] = [
  "UNSPECIFIED",
  "INTERNAL",
  "SERVER",
  "CLIENT",
  "PRODUCER",
  "CONSUMER",
];
const STATUS_CODES = ["UNSET", "OK", "ERROR"] as const;

const nanosToMs = (nanos: string) => Number(BigInt(nanos) / 1000n) / 1000;

export function fromReceivedSpan(span: ReceivedSpan): SpanRecord {
  const startMs = nanosToMs(span.startTimeUnixNano);
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    name: span.name,
    kind: KINDS[span.kind] ?? "UNSPECIFIED",
    startMs,
    durationMs: nanosToMs(span.endTimeUnixNano) - startMs,
    status: {
      code: STATUS_CODES[span.status.code] ?? "UNSET",
      ...(span.status.message ? { message: span.status.message } : {}),
    },
    attributes: span.attributes,
    resource: span.resource,
  };
}
