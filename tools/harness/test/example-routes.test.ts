import { expect, it } from "vitest";
import { correlate } from "../src/correlation.js";
import type { LogRecord } from "../src/example-process.js";
import { exampleRouteProblems } from "../src/example-routes.js";
import type { SentRequest } from "../src/traced-request.js";
import type { TracedRun } from "../src/traced-run.js";
import { sentRequest, serverSpanOf } from "./sent-traces.testutil.js";

const request = (path: "/" | "/crash", status: number) =>
  sentRequest(path === "/" ? 1 : 2, path, status);
const lineOf = (sent: SentRequest, msg: string): LogRecord => ({
  msg,
  request_id: sent.requestId,
  trace_id: sent.traceId,
  span_id: serverSpanOf(sent).spanId,
});

function run(requests: SentRequest[], records: LogRecord[], leakedSecrets: string[] = []) {
  const spans = requests.map(serverSpanOf);
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

it("checks the messages an example expects of its own", () => {
  const home = request("/", 200);
  const records = [lineOf(home, "fetched inventory"), lineOf(home, "request errored")];
  const problems = exampleRouteProblems(run([home], records), {
    messages: { "/": ["fetched inventory", "request completed"] },
    lastMessage: "request completed",
  });
  expect(problems).toEqual([
    `/ (trace ${home.traceId}) logged ["fetched inventory","request errored"], expected ["fetched inventory","request completed"]`,
    `/ (trace ${home.traceId}) ended with "request errored", expected "request completed"`,
  ]);
});
