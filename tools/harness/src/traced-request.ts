import { randomBytes, randomUUID } from "node:crypto";

/** A request sent as a traced upstream (a load balancer, another service) would send it. */
export interface SentRequest {
  readonly path: string;
  /** The trace the request belongs to: its `traceparent` said so. */
  readonly traceId: string;
  /** The caller's span: the example's server span must be its child. */
  readonly parentSpanId: string;
  /** Sent as `x-request-id`; the examples log it with every line of the request. */
  readonly requestId: string;
  readonly propagation: Propagation;
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/** How the caller passes its trace: W3C `traceparent`, or AWS `X-Amzn-Trace-Id` (an ALB, X-Ray). */
export type Propagation = "w3c" | "xray";

export interface SendOptions {
  headers?: Record<string, string>;
  /** Default `w3c`. The examples run with OTEL_PROPAGATORS=tracecontext,baggage,xray. */
  propagation?: Propagation;
  /** Abort after this long. Default 10 s. */
  timeoutMs?: number;
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

function traceHeader(propagation: Propagation, traceId: string, parentSpanId: string) {
  return propagation === "xray"
    ? {
        "x-amzn-trace-id": `Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Parent=${parentSpanId};Sampled=1`,
      }
    : { traceparent: `00-${traceId}-${parentSpanId}-01` };
}

/**
 * GET `path` with a fresh sampled trace context and `x-request-id`, so every log line of the
 * request can be checked against the trace it must carry.
 */
export async function sendTraced(
  baseUrl: string,
  path: string,
  options: SendOptions = {},
): Promise<SentRequest> {
  const traceId = hex(16);
  const parentSpanId = hex(8);
  const requestId = randomUUID();
  const propagation = options.propagation ?? "w3c";
  const response = await fetch(new URL(path, baseUrl), {
    headers: {
      ...options.headers,
      ...traceHeader(propagation, traceId, parentSpanId),
      "x-request-id": requestId,
    },
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const body = await response.text();
  return {
    path,
    traceId,
    parentSpanId,
    requestId,
    propagation,
    status: response.status,
    headers: response.headers,
    body,
  };
}

/** Runs `task` `count` times with at most `concurrency` in flight; results in call order. */
export async function runConcurrently<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}
