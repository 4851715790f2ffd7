import { styleText } from "node:util";
import type { DemoResult, DemoSpan, DemoTrace } from "./demo.js";

/** Resource attributes worth a newcomer's look, in this order. */
const SHOWN_RESOURCE = [
  "service.name",
  "deployment.environment.name",
  "aws.log.group.names",
  "aws.log.group.arns",
  "aws.ecs.task.arn",
];

type Style = Parameters<typeof styleText>[0];
// styleText leaves the text plain when stdout is not a terminal, or NO_COLOR is set.
const paint = (style: Style, text: string, color: boolean) =>
  color ? styleText(style, text, { stream: process.stdout }) : text;

const pad = (text: string, width: number) => text.padEnd(width);
const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);

function timeOfDay(iso: string): string {
  const match = /T(\d\d:\d\d:\d\d\.\d+)/.exec(iso);
  return match ? (match[1] as string) : iso;
}

function spanLine(span: DemoSpan, color: boolean): string {
  const name = pad(`${span.branch}${span.name}`, 34);
  const status =
    span.status.code === "ERROR"
      ? paint("red", `ERROR${span.status.message ? ` ${span.status.message}` : ""}`, color)
      : paint("dim", span.status.code, color);
  return `    ${name} ${pad(span.kind, 8)} ${ms(span.durationMs)}  ${status}`;
}

const LEVEL_STYLE: Record<string, Style> = { error: "red", warn: "yellow", info: "green" };

function traceBlock(trace: DemoTrace, color: boolean): string[] {
  const { request } = trace;
  const header = `trace ${trace.traceId}   GET ${request.path} → ${request.status}   (caller sent ${
    request.propagation === "xray" ? "X-Amzn-Trace-Id" : "traceparent"
  })`;
  const lines = [paint("bold", header, color), "  spans"];
  lines.push(...trace.spans.map((span) => spanLine(span, color)));
  lines.push("  logs");
  for (const log of trace.logs) {
    const level = paint(LEVEL_STYLE[log.level] ?? "reset", pad(log.level, 5), color);
    const error = log.error ? paint("red", ` — ${log.error}`, color) : "";
    const span = log.spanName ? paint("dim", `  [span ${log.spanId} ${log.spanName}]`, color) : "";
    lines.push(`    ${timeOfDay(log.time)}  ${level}  ${log.msg}${error}${span}`);
  }
  if (trace.logs.length === 0) lines.push("    (none)");
  return lines;
}

/** The readable terminal view of a demo run (`color`: styled when stdout is a terminal). */
export function renderDemo(result: DemoResult, color = false): string {
  const out: string[] = [];
  out.push(
    paint("bold", "logtrace demo", color) +
      ": examples/express-pino under `node --import @logtrace/bootstrap`, as in its ECS task",
    "(fake FireLens task metadata endpoint, OTLP http/protobuf receiver, all on 127.0.0.1)",
    "",
  );
  for (const line of result.preload) out.push(`preload: ${line}`);
  out.push("", paint("bold", "resource on every span", color));
  for (const key of SHOWN_RESOURCE) {
    if (result.resource[key] !== undefined) {
      out.push(`  ${pad(key, 28)} ${String(result.resource[key])}`);
    }
  }
  for (const trace of result.traces) out.push("", ...traceBlock(trace, color));
  out.push("");
  const summary = `${result.traces.length} traces, ${result.logLines} log lines`;
  if (result.correlated) {
    out.push(paint("green", `${summary}, all correlated`, color));
  } else {
    out.push(paint("red", `${summary}, NOT all correlated:`, color));
    out.push(...result.problems.map((problem) => `  - ${problem}`));
  }
  out.push(
    paint(
      "dim",
      `(${result.otherLines} start-up/shutdown lines outside any request; ${result.seconds.toFixed(1)} s)`,
      color,
    ),
  );
  return out.join("\n");
}
