import type { SpanRecord } from "../src/spans.js";
import type { SentRequest } from "../src/traced-request.js";

/** A request as sent, with trace, parent span and request id all derived from one digit. */
export function sentRequest(digit: number, path = "/", status = 200): SentRequest {
  return {
    path,
    traceId: String(digit).repeat(32),
    parentSpanId: String(digit).repeat(16),
    requestId: `r${digit}`,
    propagation: "w3c",
    status,
    headers: new Headers(),
    body: "",
  };
}

/** The example's server span for a sent request: a child of the caller's span. */
export function serverSpanOf(sent: SentRequest): SpanRecord {
  return {
    traceId: sent.traceId,
    spanId: `${sent.parentSpanId.slice(1)}a`,
    parentSpanId: sent.parentSpanId,
    name: `GET ${sent.path}`,
    kind: "SERVER",
    startMs: 0,
    durationMs: 1,
    status: { code: "UNSET" },
    attributes: {},
    resource: {},
  };
}
