import { expect, it } from "vitest";
import { correlate } from "../src/correlation.js";
import type { LogRecord } from "../src/example-process.js";
import { pinoHttpLines } from "../src/express-pino.js";
import { sentRequest, serverSpanOf } from "./sent-traces.testutil.js";

const request = (n: number) => sentRequest(n);
const serverSpan = (n: number) => serverSpanOf(sentRequest(n));
const line = (id: string, fields: Record<string, unknown>): LogRecord => ({
  req: { id },
  msg: "m",
  ...fields,
});

it("accepts lines that carry their request's trace and a span of it", () => {
  const report = correlate({
    requests: [request(1), request(2)],
    records: [
      line("r1", { trace_id: "1".repeat(32), span_id: serverSpan(1).spanId }),
      line("r2", { trace_id: "2".repeat(32), span_id: serverSpan(2).spanId }),
      { msg: "listening" },
    ],
    spans: [serverSpan(1), serverSpan(2)],
    reader: pinoHttpLines,
  });
  expect(report.problems).toEqual([]);
  expect(report.lineCount).toBe(2);
  expect(report.outsideRequests).toHaveLength(1);
});

it("counts every way a line can fail to correlate", () => {
  const report = correlate({
    requests: [request(1), request(2), request(3)],
    records: [
      line("r1", { trace_id: "2".repeat(32), span_id: serverSpan(2).spanId }), // wrong trace
      line("r1", {}), // no trace id
      line("r2", { trace_id: "2".repeat(32), span_id: "f".repeat(16) }), // unknown span
      line("r9", { trace_id: "9".repeat(32) }), // a request never sent
      { msg: "boot", trace_id: "1".repeat(32) }, // trace outside any request
    ],
    spans: [serverSpan(1), serverSpan(2)],
    reader: pinoHttpLines,
  });
  expect(report.counts).toEqual({
    requestsWithoutLines: 1,
    requestsWithoutServerSpan: 1,
    linesWithoutTraceId: 1,
    linesWithWrongTraceId: 1,
    linesWithUnknownSpan: 1,
    strayLines: 2,
  });
  expect(report.problems).toHaveLength(7);
});
