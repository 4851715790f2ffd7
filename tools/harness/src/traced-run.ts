import { randomBytes } from "node:crypto";
import { type CorrelationReport, correlate, type LineReader } from "./correlation.js";
import { type LogRecord, startExample } from "./example-process.js";
import type { SpanRecord } from "./spans.js";
import { runConcurrently, type SentRequest, sendTraced } from "./traced-request.js";
import { startTracingSetup } from "./tracing-setup.js";

export interface TracedRunOptions {
  /** The example's directory. */
  cwd: string;
  entry?: string;
  /** Node flags before the entry; default the tracing setup's (`--import @logtrace/bootstrap`). */
  nodeArgs?: string[];
  /** Paths to request; each is sent `repeat` times, `concurrency` at a time. */
  paths: readonly string[];
  repeat?: number;
  concurrency?: number;
  reader: LineReader;
  /** OTEL_SERVICE_NAME, when not the task definition's. */
  serviceName?: string;
}

export interface TracedRun {
  report: CorrelationReport;
  requests: SentRequest[];
  records: LogRecord[];
  spans: SpanRecord[];
  /** Everything the example wrote to stdout and stderr. */
  output: string;
  /** Cookie, authorization and set-cookie values that appear in the output (must be none). */
  leakedSecrets: string[];
}

/** Values of the `set-cookie` response headers, without attributes. */
function setCookieValues(request: SentRequest): string[] {
  return request.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]?.split("=").slice(1).join("=") ?? "")
    .filter((value) => value.length > 0);
}

/**
 * Runs an example under real tracing, sends each path with a session cookie and a bearer token,
 * stops it, and checks every log line against its request's trace and for leaked secrets.
 */
export async function tracedRun(options: TracedRunOptions): Promise<TracedRun> {
  const tracing = await startTracingSetup(
    options.serviceName ? { serviceName: options.serviceName } : {},
  );
  const cookie = `session=${randomBytes(16).toString("hex")}`;
  const token = `Bearer ${randomBytes(16).toString("hex")}`;
  try {
    const example = await startExample({
      cwd: options.cwd,
      ...(options.entry ? { entry: options.entry } : {}),
      nodeArgs: options.nodeArgs ?? tracing.nodeArgs,
      env: tracing.env,
    });
    const repeat = options.repeat ?? 2;
    const paths = Array.from({ length: repeat }, () => options.paths).flat();
    let requests: SentRequest[];
    try {
      requests = await runConcurrently(paths.length, options.concurrency ?? 4, (index) =>
        sendTraced(example.url, paths[index] as string, {
          headers: { cookie, authorization: token },
        }),
      );
    } finally {
      await example.stop();
    }
    const records = example.records();
    const spans = tracing.spans();
    const output = example.output();
    const secrets = [cookie.split("=")[1] as string, token, ...requests.flatMap(setCookieValues)];
    return {
      report: correlate({ requests, records, spans, reader: options.reader }),
      requests,
      records,
      spans,
      output,
      leakedSecrets: secrets.filter((secret) => output.includes(secret)),
    };
  } finally {
    await tracing.close();
  }
}
