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
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

export interface SendOptions {
  headers?: Record<string, string>;
  /** Abort after this long. Default 10 s. */
  timeoutMs?: number;
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/**
 * GET `path` with a fresh W3C `traceparent` (sampled) and `x-request-id`, so every log line of the
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
  const response = await fetch(new URL(path, baseUrl), {
    headers: {
      ...options.headers,
      traceparent: `00-${traceId}-${parentSpanId}-01`,
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
