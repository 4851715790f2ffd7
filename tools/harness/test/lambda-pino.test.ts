import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  exampleDir,
  invokeLambda,
  type LambdaRun,
  type LambdaSpan,
  type LogRecord,
  messageOf,
} from "../src/index.js";

const TRACE_FIELDS = ["trace_id", "span_id", "trace_flags"];
const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/** An API Gateway (HTTP API) event, from a caller whose span is `traceparent` when given. */
function apiEvent(body: string, traceparent?: string) {
  return {
    version: "2.0",
    routeKey: "POST /orders",
    rawPath: "/orders",
    headers: { "content-type": "application/json", ...(traceparent ? { traceparent } : {}) },
    body,
    isBase64Encoded: false,
  };
}

function invocationSpan(run: LambdaRun, awsRequestId: string): LambdaSpan {
  const spans = run.spans.filter((span) => span.attributes["faas.invocation_id"] === awsRequestId);
  expect(spans, `one invocation span for ${awsRequestId}`).toHaveLength(1);
  return spans[0] as LambdaSpan;
}

const linesOf = (run: LambdaRun, awsRequestId: string) =>
  run.records.filter((line) => line.aws_request_id === awsRequestId);

describe("examples/lambda-pino under the ADOT layer's tracing", () => {
  const taskRoot = exampleDir("lambda-pino");
  // Traced callers, each with a trace id of its own, and one invocation nobody traced.
  const callers = [1, 2].map(() => ({ traceId: hex(16), spanId: hex(8), requestId: randomUUID() }));
  const untraced = randomUUID();
  const rejected = randomUUID();
  let run: LambdaRun;

  beforeAll(async () => {
    const built = join(taskRoot, "dist", "handler.js");
    if (!existsSync(built)) throw new Error(`${built} is missing: build the example first`);
    run = await invokeLambda(
      // The debug level shows a line written after the awaits of Promise.all.
      { taskRoot, handler: "dist/handler.handler", env: { AWS_LAMBDA_LOG_LEVEL: "DEBUG" } },
      [
        ...callers.map((caller, index) => ({
          awsRequestId: caller.requestId,
          event: apiEvent(
            JSON.stringify({ orderId: `order-${index}`, items: 3 + index }),
            `00-${caller.traceId}-${caller.spanId}-01`,
          ),
        })),
        { awsRequestId: untraced, event: apiEvent(JSON.stringify({ orderId: "o", items: 1 })) },
        { awsRequestId: rejected, event: apiEvent("not json", `00-${hex(16)}-${hex(8)}-01`) },
      ],
    );
  });

  it("the instrumentation wrapped the handler and each invocation answered", () => {
    expect(run.wrapped).toBe(true);
    expect(
      run.results.map((result) => (result.value as { statusCode?: number }).statusCode),
    ).toEqual([200, 200, 200, 400]);
  });

  it("every line of an invocation carries that invocation's span, continuing its caller's trace", () => {
    for (const caller of callers) {
      const span = invocationSpan(run, caller.requestId);
      expect(span).toMatchObject({
        name: "orders",
        kind: "SERVER",
        traceId: caller.traceId,
        parentSpanId: caller.spanId,
      });
      const lines = linesOf(run, caller.requestId);
      expect(lines.map(messageOf)).toEqual(["order received", "items priced", "order priced"]);
      for (const line of lines) {
        expect(line).toMatchObject({
          trace_id: span.traceId,
          span_id: span.spanId,
          trace_flags: "01",
        });
      }
    }
  });

  it("an invocation without a caller's trace gets a trace of its own, on every line", () => {
    const span = invocationSpan(run, untraced);
    expect(span.parentSpanId).toBeUndefined();
    expect(callers.map((caller) => caller.traceId)).not.toContain(span.traceId);
    const lines = linesOf(run, untraced);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toMatchObject({
        trace_id: span.traceId,
        span_id: span.spanId,
        trace_flags: "01",
      });
    }
  });

  it("a rejected event's warning carries its trace, with the level as a name for Lambda", () => {
    const span = invocationSpan(run, rejected);
    const [line, ...more] = linesOf(run, rejected);
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: "warn",
      msg: "order rejected: not an order",
      trace_id: span.traceId,
      span_id: span.spanId,
    });
  });

  it("the line logged at init, outside any invocation, carries no trace", () => {
    const init = run.records.filter((line) => messageOf(line) === "function initialised");
    expect(init).toHaveLength(1);
    for (const field of TRACE_FIELDS) expect(init[0]).not.toHaveProperty(field);
    expect(run.records.every((line) => line === init[0] || line.aws_request_id)).toBe(true);
  });
});

it("without @logtrace/pino, the same tracing leaves pino's lines without any trace", async () => {
  const requestId = randomUUID();
  const traceId = hex(16);
  const run = await invokeLambda(
    {
      taskRoot: fileURLToPath(new URL("fixtures/lambda-without-adapter/", import.meta.url)),
      handler: "index.handler",
    },
    [{ awsRequestId: requestId, event: apiEvent("{}", `00-${traceId}-${hex(8)}-01`) }],
  );
  // The invocation was traced: a span of the caller's trace was active while it logged.
  expect(invocationSpan(run, requestId).traceId).toBe(traceId);
  const lines: LogRecord[] = linesOf(run, requestId);
  expect(lines.map(messageOf)).toEqual(["order received", "order priced"]);
  for (const line of lines) {
    for (const field of TRACE_FIELDS) expect(line).not.toHaveProperty(field);
  }
});
