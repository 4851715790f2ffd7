import { expect, it } from "vitest";
import { correlate } from "../src/correlation.js";
import type { LogRecord } from "../src/example-process.js";
import { exampleRouteProblems } from "../src/example-routes.js";
import type { SpanRecord } from "../src/spans.js";
import type { SentRequest } from "../src/traced-request.js";
import type { TracedRun } from "../src/traced-run.js";

const digit = { "/": "1", "/crash": "2" } as const;
const request = (path: "/" | "/crash", status: number): SentRequest => ({
  path,
  traceId: digit[path].repeat(32),
  parentSpanId: digit[path].repeat(16),
  requestId: `r${digit[path]}`,
  propagation: "w3c",
  status,
  headers: new Headers(),
  body: "",
});
const serverSpan = (sent: SentRequest): SpanRecord => ({
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
});
const lineOf = (sent: SentRequest, msg: string): LogRecord => ({
  msg,
  request_id: sent.requestId,
  trace_id: sent.traceId,
  span_id: serverSpan(sent).spanId,
});

function run(requests: SentRequest[], records: LogRecord[], leakedSecrets: string[] = []) {
  const spans = requests.map(serverSpan);
  const reader = {
    requestIdOf: (record: LogRecord) => record.request_id as string | undefined,
  };
  return {
    report: correlate({ requests, records, spans, reader }),
    requests,
    records,
    spans,
    output: "",
    leakedSecrets,
  } satisfies TracedRun;
}

it("finds nothing when an example keeps its promises", () => {
  const home = request("/", 200);
  const crash = request("/crash", 500);
  const records = [
    lineOf(home, "fetched inventory"),
    lineOf(crash, "Crash endpoint triggered - throwing exception"),
  ];
  expect(exampleRouteProblems(run([home, crash], records))).toEqual([]);
});

it("names a wrong status, a missing line and a leaked secret", () => {
  const home = request("/", 500);
  const crash = request("/crash", 500);
  const problems = exampleRouteProblems(
    run(
      [home, crash],
      [lineOf(home, "fetched inventory"), lineOf(crash, "Error occurred")],
      ["Bearer abc"],
    ),
  );
  expect(problems).toEqual([
    "secret in the output: Bearer abc",
    "/ answered 500, expected 200",
    `/crash (trace ${crash.traceId}) did not log "Crash endpoint triggered - throwing exception"`,
  ]);
});

it("reports lines correlated to the wrong trace", () => {
  const home = request("/", 200);
  const crash = request("/crash", 500);
  const wrong = { ...lineOf(home, "fetched inventory"), trace_id: crash.traceId };
  const records = [wrong, lineOf(crash, "Crash endpoint triggered - throwing exception")];
  expect(exampleRouteProblems(run([home, crash], records))[0]).toMatch(/^log lines not correlated/);
});
