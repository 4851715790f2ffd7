import { type CorrelationReport, correlate } from "./correlation.js";
import { type LogRecord, messageOf, startExample } from "./example-process.js";
import { EXAMPLE_PATHS } from "./example-routes.js";
import { expressPinoDir, pinoHttpLines } from "./express-pino.js";
import type { SpanRecord } from "./spans.js";
import { type Propagation, type SentRequest, sendTraced } from "./traced-request.js";
import { startTracingSetup } from "./tracing-setup.js";

export const DEMO_ROUTES = EXAMPLE_PATHS;
const PROPAGATIONS: Propagation[] = ["w3c", "xray"];

/** One span of a trace, in tree order. */
export interface DemoSpan {
  /** The tree drawn in front of the name (`├─ `, `│  └─ `, …). */
  branch: string;
  name: string;
  kind: SpanRecord["kind"];
  spanId: string;
  durationMs: number;
  status: SpanRecord["status"];
}

export interface DemoLogLine {
  time: string;
  level: string;
  msg: string;
  error: string | undefined;
  spanId: string | undefined;
  /** The name of the span the line names, when it is in the trace. */
  spanName: string | undefined;
}

export interface DemoTrace {
  traceId: string;
  request: { path: string; status: number; propagation: Propagation; requestId: string };
  spans: DemoSpan[];
  logs: DemoLogLine[];
}

export interface DemoResult {
  /** The resource every span was exported with (what the collector and X-Ray see). */
  resource: Record<string, unknown>;
  /** What the preload printed on stderr. */
  preload: string[];
  traces: DemoTrace[];
  logLines: number;
  /** Lines logged outside any request (start-up, shutdown). */
  otherLines: number;
  correlated: boolean;
  problems: string[];
  seconds: number;
}

function spanTree(spans: readonly SpanRecord[]): DemoSpan[] {
  const ids = new Set(spans.map((span) => span.spanId));
  const byStart = [...spans].sort((a, b) => a.startMs - b.startMs);
  const out: DemoSpan[] = [];
  const visit = (span: SpanRecord, branch: string, indent: string) => {
    const { name, kind, spanId, durationMs, status } = span;
    out.push({ branch, name, kind, spanId, durationMs, status });
    const children = byStart.filter((s) => s.parentSpanId === span.spanId);
    children.forEach((child, index) => {
      const last = index === children.length - 1;
      visit(child, `${indent}${last ? "└─ " : "├─ "}`, `${indent}${last ? "   " : "│  "}`);
    });
  };
  // The root is the server span whose parent is the caller's (not exported by us).
  for (const root of byStart.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId))) {
    visit(root, "", "");
  }
  return out;
}

function logLine(record: LogRecord, spans: readonly SpanRecord[]): DemoLogLine {
  const spanId = typeof record.span_id === "string" ? record.span_id : undefined;
  const err = record.err as { message?: unknown } | undefined;
  return {
    time: String(record.time ?? ""),
    level: String(record.level ?? ""),
    msg: messageOf(record),
    error: typeof err?.message === "string" ? err.message : undefined,
    spanId,
    spanName: spans.find((span) => span.spanId === spanId)?.name,
  };
}

function toDemoTrace(trace: CorrelationReport["traces"][number]): DemoTrace {
  const { request } = trace;
  return {
    traceId: request.traceId,
    request: {
      path: request.path,
      status: request.status,
      propagation: request.propagation,
      requestId: request.requestId,
    },
    spans: spanTree(trace.spans),
    logs: trace.lines.map((line) => logLine(line, trace.spans)),
  };
}

/**
 * The demo: the Express example under `--import @logtrace/bootstrap` in an ECS-like environment
 * (fake FireLens task metadata, OTLP receiver), a few requests to each route, then each trace
 * with its log lines and whether every line is correlated.
 */
export async function runDemo(): Promise<DemoResult> {
  const started = performance.now();
  const tracing = await startTracingSetup();
  try {
    const example = await startExample({
      cwd: expressPinoDir,
      nodeArgs: tracing.nodeArgs,
      env: tracing.env,
    });
    const requests: SentRequest[] = [];
    try {
      for (const propagation of PROPAGATIONS) {
        for (const path of DEMO_ROUTES) {
          requests.push(await sendTraced(example.url, path, { propagation }));
        }
      }
    } finally {
      // The preload exports its last spans as the example shuts down.
      await example.stop();
    }
    const spans = tracing.spans();
    const report = correlate({
      requests,
      records: example.records(),
      spans,
      reader: pinoHttpLines,
    });
    return {
      resource: spans[0]?.resource ?? {},
      preload: example
        .output()
        .split("\n")
        .filter((line) => line.startsWith("[logtrace]")),
      traces: report.traces.map(toDemoTrace),
      logLines: report.lineCount,
      otherLines: report.outsideRequests.length,
      correlated: report.problems.length === 0,
      problems: report.problems,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await tracing.close();
  }
}
