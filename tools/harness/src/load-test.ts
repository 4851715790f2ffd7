import type { CorrelationReport, LineReader } from "./correlation.js";
import { correlate } from "./correlation.js";
import { startExample } from "./example-process.js";
import { runConcurrently, sendTraced } from "./traced-request.js";
import { startTracingSetup } from "./tracing-setup.js";

export interface LoadTestOptions {
  cwd: string;
  /** Requests in all. */
  count: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Paths, sent in turn (repeat one to weight it). */
  paths: readonly string[];
  reader: LineReader;
  /** The whole run fails after this long. */
  deadlineMs: number;
}

export interface LoadTestResult {
  count: number;
  concurrency: number;
  /** Wall time of the requests (not of start-up). */
  durationMs: number;
  requestsPerSecond: number;
  /** `GET <path> <status>` → how many. */
  statuses: Record<string, number>;
  spans: number;
  report: CorrelationReport;
}

/**
 * Sends `count` requests, `concurrency` at a time, each with its own trace, to an example under
 * real tracing, then checks every log line against its request's trace.
 */
export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const tracing = await startTracingSetup();
  let deadline: NodeJS.Timeout | undefined;
  try {
    const example = await startExample({
      cwd: options.cwd,
      nodeArgs: tracing.nodeArgs,
      env: tracing.env,
    });
    const started = performance.now();
    let durationMs = 0;
    let requests: Awaited<ReturnType<typeof sendTraced>>[];
    try {
      const timedOut = new Promise<never>((_, reject) => {
        deadline = setTimeout(
          () => reject(new Error(`load test did not finish in ${options.deadlineMs} ms`)),
          options.deadlineMs,
        );
      });
      requests = await Promise.race([
        runConcurrently(options.count, options.concurrency, (index) =>
          sendTraced(example.url, options.paths[index % options.paths.length] as string),
        ),
        timedOut,
      ]);
      durationMs = performance.now() - started;
    } finally {
      clearTimeout(deadline);
      await example.stop();
    }
    const statuses: Record<string, number> = {};
    for (const request of requests) {
      const key = `GET ${request.path} ${request.status}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
    return {
      count: options.count,
      concurrency: options.concurrency,
      durationMs,
      requestsPerSecond: options.count / (durationMs / 1000),
      statuses,
      spans: tracing.spans().length,
      // Requests carry their own trace ids, so the lines are checked against those; spans are
      // counted only (an exporter may drop some under load; the log lines must not suffer).
      report: correlate({ requests, records: example.records(), reader: options.reader }),
    };
  } finally {
    await tracing.close();
  }
}
