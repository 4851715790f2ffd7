import { type LogRecord, messageOf } from "./example-process.js";
import type { SpanRecord } from "./spans.js";
import type { SentRequest } from "./traced-request.js";

/** How to read a log line: where the request id and the trace fields are. */
export interface LineReader {
  /** The request id a line carries (each example logs it its own way), if any. */
  requestIdOf(record: LogRecord): string | undefined;
  traceIdKey?: string;
  spanIdKey?: string;
}

export interface RequestTrace {
  request: SentRequest;
  /** The example's server span for this request (child of the caller's span). */
  serverSpan: SpanRecord | undefined;
  spans: SpanRecord[];
  lines: LogRecord[];
}

export interface CorrelationReport {
  traces: RequestTrace[];
  /** Log lines that belong to a request. */
  lineCount: number;
  /** Lines written outside any request (start-up, shutdown). */
  outsideRequests: LogRecord[];
  /** One sentence per thing that is not correlated; empty when all is. */
  problems: string[];
  /** The problems counted by kind. */
  counts: {
    requestsWithoutLines: number;
    requestsWithoutServerSpan: number;
    linesWithoutTraceId: number;
    linesWithWrongTraceId: number;
    linesWithUnknownSpan: number;
    strayLines: number;
  };
}

export interface CorrelateInput {
  requests: readonly SentRequest[];
  records: readonly LogRecord[];
  /** Finished spans; leave out to check the log lines against the requests' traces only. */
  spans?: readonly SpanRecord[];
  reader: LineReader;
}

/**
 * Checks that every log line of every request carries that request's trace id, and (given spans)
 * that the trace reached the collector with a server span and that each line's span id is a span
 * of that trace. Lines with no request id must carry no trace id either.
 */
export function correlate({ requests, records, spans, reader }: CorrelateInput): CorrelationReport {
  const traceIdKey = reader.traceIdKey ?? "trace_id";
  const spanIdKey = reader.spanIdKey ?? "span_id";
  const linesByRequest = new Map<string, LogRecord[]>();
  const outsideRequests: LogRecord[] = [];
  for (const record of records) {
    const id = reader.requestIdOf(record);
    if (id === undefined) outsideRequests.push(record);
    else linesByRequest.set(id, [...(linesByRequest.get(id) ?? []), record]);
  }
  const spansByTrace = new Map<string, SpanRecord[]>();
  for (const span of spans ?? []) {
    spansByTrace.set(span.traceId, [...(spansByTrace.get(span.traceId) ?? []), span]);
  }

  const problems: string[] = [];
  const counts = {
    requestsWithoutLines: 0,
    requestsWithoutServerSpan: 0,
    linesWithoutTraceId: 0,
    linesWithWrongTraceId: 0,
    linesWithUnknownSpan: 0,
    strayLines: 0,
  };
  const problem = (kind: keyof typeof counts, sentence: string) => {
    counts[kind]++;
    problems.push(sentence);
  };
  let lineCount = 0;
  const traces = requests.map((request): RequestTrace => {
    const lines = linesByRequest.get(request.requestId) ?? [];
    linesByRequest.delete(request.requestId);
    lineCount += lines.length;
    const traceSpans = spansByTrace.get(request.traceId) ?? [];
    const serverSpan = traceSpans.find(
      (span) => span.kind === "SERVER" && span.parentSpanId === request.parentSpanId,
    );
    const what = `GET ${request.path} (trace ${request.traceId})`;
    if (lines.length === 0) problem("requestsWithoutLines", `${what}: no log line`);
    if (spans && !serverSpan) problem("requestsWithoutServerSpan", `${what}: no server span`);
    const spanIds = new Set(traceSpans.map((span) => span.spanId));
    for (const line of lines) {
      const traceId = line[traceIdKey];
      const spanId = line[spanIdKey];
      if (traceId === undefined) {
        problem("linesWithoutTraceId", `${what}: line "${messageOf(line)}" has no ${traceIdKey}`);
      } else if (traceId !== request.traceId) {
        problem(
          "linesWithWrongTraceId",
          `${what}: line "${messageOf(line)}" carries another trace, ${String(traceId)}`,
        );
      } else if (spans && !spanIds.has(String(spanId))) {
        problem(
          "linesWithUnknownSpan",
          `${what}: line "${messageOf(line)}" names span ${String(spanId)}, not in the trace`,
        );
      }
    }
    return { request, serverSpan, spans: traceSpans, lines };
  });

  for (const [id, lines] of linesByRequest) {
    problem("strayLines", `${lines.length} line(s) of request ${id}, which was never sent`);
  }
  for (const record of outsideRequests) {
    if (record[traceIdKey] !== undefined) {
      const trace = String(record[traceIdKey]);
      problem(
        "strayLines",
        `line "${messageOf(record)}" outside any request carries trace ${trace}`,
      );
    }
  }
  return { traces, lineCount, outsideRequests, problems, counts };
}

/** The first problems, one a line, and how many more there are. */
export function describeProblems(problems: readonly string[], shown = 20): string {
  const listed = problems.slice(0, shown).map((problem) => `  - ${problem}`);
  if (problems.length > shown) listed.push(`  … and ${problems.length - shown} more`);
  return listed.join("\n");
}
