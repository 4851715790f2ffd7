import { existsSync, readFileSync } from "node:fs";

export type SpanKindName =
  | "INTERNAL"
  | "SERVER"
  | "CLIENT"
  | "PRODUCER"
  | "CONSUMER"
  | "UNSPECIFIED";

/** A finished span, whichever way it left the example (OTLP or the test preload's file). */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: SpanKindName;
  startNs: number;
  endNs: number;
  /** `UNSET`, `OK` or `ERROR`, with the message when there is one. */
  status: { code: "UNSET" | "OK" | "ERROR"; message?: string };
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

// @opentelemetry/api numbers kinds from INTERNAL = 0 and status codes from UNSET = 0.
const API_KINDS: SpanKindName[] = ["INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"];
const STATUS_CODES = ["UNSET", "OK", "ERROR"] as const;

interface PreloadSpan extends Omit<SpanRecord, "kind" | "status"> {
  kind: number;
  status: { code: number; message?: string };
}

/** Spans the test preload (`tracing-preload.mjs`) wrote, one JSON object a line. */
export function readSpansFile(file: string): SpanRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const span = JSON.parse(line) as PreloadSpan;
      return {
        ...span,
        kind: API_KINDS[span.kind] ?? "UNSPECIFIED",
        status: { ...span.status, code: STATUS_CODES[span.status.code] ?? "UNSET" },
      };
    });
}
