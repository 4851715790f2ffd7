import type { ReceivedSpan } from "@logtrace/testkit";
import { describe, expect, it } from "vitest";
import { appTrees, ecsTestbed, logtraceLines, type RunningApp, startApp } from "./harness.js";

const bed = ecsTestbed("fargate-awslogs");
const appTree = appTrees();
const DEPENDENCIES = ["express", "pino", "@logtrace/pino"];

async function start(flag: string, spans: string | undefined): Promise<RunningApp> {
  bed.app = await startApp({
    app: await appTree("express-app.cjs", DEPENDENCIES),
    preload: [flag, "@logtrace/bootstrap"],
    env: {
      ...bed.metadata.env,
      ...bed.otlp.env,
      OTEL_BSP_SCHEDULE_DELAY: "50",
      LOGTRACE_SPANS: spans,
      LOGTRACE_LOG_LEVEL: "debug",
    },
  });
  return bed.app;
}

/** The server span of `path` and every span of its trace, once the server span arrived. */
async function traceOf(path: string): Promise<{ server: ReceivedSpan; spans: ReceivedSpan[] }> {
  const server = await bed.otlp.waitForSpan(
    (span) => span.kind === 2 && span.attributes["url.path"] === path,
  );
  // A trace's other spans end before its server span, in the same export or an earlier one.
  const spans = bed.otlp.spans().filter((span) => span.traceId === server.traceId);
  return { server, spans };
}

const logLine = (app: RunningApp, route: string) => {
  const line = app.logLines().find((entry) => entry.route === route);
  expect(line, `no log line of ${route}`).toBeDefined();
  return line as Record<string, unknown>;
};

describe.each([
  ["--import", "unset", undefined],
  ["--require", "lean", "lean"],
])("node %s @logtrace/bootstrap, LOGTRACE_SPANS %s: the lean span set", (flag, _label, spans) => {
  it("a request is its server span, named and attributed by route, and its client spans", async () => {
    const app = await start(flag, spans);
    expect(await app.get("/users/42")).toEqual({ id: "42", inventory: { items: 1 } });
    const { server, spans: trace } = await traceOf("/users/42");

    expect(server.name).toBe("GET /users/:id");
    expect(server.attributes["http.route"]).toBe("/users/:id");
    const children = trace.filter((span) => span.parentSpanId === server.spanId);
    expect(children.map((span) => [span.kind, span.name])).toEqual([[3, "GET"]]);
    // The downstream call's own server span (the app calls itself), under the client span.
    const downstream = trace.find((span) => span.parentSpanId === children[0]?.spanId);
    expect(downstream?.name).toBe("GET /inventory");
    // No middleware, router or request handler spans: nothing but server and client spans.
    expect(trace.filter((span) => span.kind !== 2 && span.kind !== 3)).toEqual([]);
    expect(trace).toHaveLength(3);

    // The handler's log line names the server span: no layer span is active in between.
    const line = logLine(app, "user");
    expect(line.trace_id).toBe(server.traceId);
    expect(line.span_id).toBe(server.spanId);
    expect(logtraceLines(app).find((l) => l.includes("tracing started"))).toMatch(/lean span set/);
  });

  it("errors: a 500 answer and a thrown error set the server span's status", async () => {
    const app = await start(flag, spans);
    await app.get("/error");
    await app.get("/crash");
    for (const path of ["/error", "/crash"]) {
      const { server, spans: trace } = await traceOf(path);
      expect(server.name).toBe(`GET ${path}`);
      expect(server.status.code).toBe(2);
      expect(server.attributes["http.response.status_code"]).toBe(500);
      expect(trace).toEqual([server]);
      const line = logLine(app, path.slice(1));
      expect([line.trace_id, line.span_id]).toEqual([server.traceId, server.spanId]);
    }
  });
});

describe("LOGTRACE_SPANS=full: every span the instrumentations make", () => {
  it("the per-layer spans come back; the log line names the handler's span, in the same trace", async () => {
    const app = await start("--import", "full");
    await app.get("/users/42");
    const { server, spans: trace } = await traceOf("/users/42");
    expect(server.name).toBe("GET /users/:id");
    expect(server.attributes["http.route"]).toBe("/users/:id");
    const names = trace.filter((span) => span.kind === 1).map((span) => span.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "middleware - jsonParser",
        "middleware - requestTag",
        "router - /:id",
        "request handler",
      ]),
    );
    // The handler runs inside its layer's span: the line names that span.
    const line = logLine(app, "user");
    expect(line.trace_id).toBe(server.traceId);
    const named = trace.find((span) => span.spanId === line.span_id);
    expect(named?.name).toBe("request handler");
    expect(logtraceLines(app).find((l) => l.includes("tracing started"))).toMatch(/full span set/);
  });

  it("a value that is neither is one warning line, and the lean set", async () => {
    const app = await start("--import", "everything");
    await app.get("/users/7");
    const { spans: trace } = await traceOf("/users/7");
    expect(trace.filter((span) => span.kind === 1)).toEqual([]);
    expect(logtraceLines(app).filter((l) => l.includes("LOGTRACE_SPANS"))).toEqual([
      '[logtrace] warning: LOGTRACE_SPANS="everything" is not lean|full; using lean',
    ]);
  });
});
