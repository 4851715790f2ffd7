import { once } from "node:events";
import { connect as connectTcp } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { connect as connectTls } from "node:tls";
import { LOCALHOST_TLS, type ReceivedSpan } from "@logtrace/testkit";
import { describe, expect, it } from "vitest";
import { appTrees, ecsTestbed, logtraceLines, type RunningApp, startApp } from "./harness.js";

// The preload makes server spans itself; the stock SDK (auto-instrumentations-node's register)
// leaves them to instrumentation-http. The same requests, sent raw so that each can be odd, must
// give the same server spans.

const bed = ecsTestbed("fargate-awslogs");
const appTree = appTrees();

type ServerName = "port" | "plainPort" | "tlsPort";
const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT_ID = "00f067aa0ba902b7";

interface Case {
  id: string;
  server?: ServerName;
  /** The request line and headers; `Connection: close` is added to HTTP/1.1 ones. */
  head: string;
  body?: string;
  /** The client gives up after this long (no answer coming, or not waited for). */
  abortAfterMs?: number;
  sampled?: false;
}

const CASES: Case[] = [
  {
    id: "unsampled parent",
    head: `GET /users/0\r\ntraceparent: 00-${TRACE_ID}-${PARENT_ID}-00`,
    sampled: false,
  },
  { id: "route", head: "GET /users/42\r\nHost: localhost:8080\r\nUser-Agent: raw-test/1.0" },
  {
    id: "sampled parent",
    head: `GET /users/1\r\nHost: h\r\ntraceparent: 00-${TRACE_ID}-${PARENT_ID}-01`,
  },
  {
    id: "query to redact",
    head: "GET /users/7?sig=abc&x=1&X-Amz-Signature=zz&a=b%20c\r\nHost: 127.0.0.1",
  },
  { id: "post with body", head: "POST /echo\r\nHost: h\r\nContent-Length: 2", body: "hi" },
  { id: "method outside the known set", head: "PROPFIND /users/1\r\nHost: h" },
  { id: "HTTP/1.0 without Host", head: "GET /users/9 HTTP/1.0" },
  { id: "IPv6 Host", head: "GET /users/6\r\nHost: [::1]:8080" },
  { id: "Host URL cannot parse", head: "GET /users/5\r\nHost: bad host" },
  { id: "absolute form", head: "GET http://other.example:81/users/4?q=1\r\nHost: h" },
  { id: "dot segments", head: "GET /a/../users/3\r\nHost: h" },
  { id: "double slash", head: "GET //evil.example/p\r\nHost: h" },
  {
    id: "Forwarded",
    head: 'GET /users/2\r\nHost: h\r\nForwarded: for="[2001:db8::17]:4711";proto=https;host=api.example.com',
  },
  {
    id: "X-Forwarded-*",
    head: "GET /users/2\r\nHost: h\r\nX-Forwarded-Host: api.example.com:8443\r\nX-Forwarded-Proto: https\r\nX-Forwarded-For: 203.0.113.9, 10.0.0.1",
  },
  { id: "malformed Forwarded", head: 'GET /users/2\r\nHost: h\r\nForwarded: for="unterminated' },
  { id: "not found", head: "GET /nowhere\r\nHost: h" },
  { id: "500 answer", head: "GET /error\r\nHost: h" },
  { id: "503 answer", head: "GET /unavailable\r\nHost: h" },
  { id: "throw into Express", head: "GET /crash\r\nHost: h" },
  { id: "client gives up", head: "GET /slow\r\nHost: h", abortAfterMs: 100 },
  { id: "plain listener", server: "plainPort", head: "GET /plain?x=1\r\nHost: h" },
  { id: "listener throws", server: "plainPort", head: "GET /throw\r\nHost: h", abortAfterMs: 300 },
  { id: "https route", server: "tlsPort", head: "GET /users/11\r\nHost: localhost" },
  { id: "https without Host", server: "tlsPort", head: "GET /users/12 HTTP/1.0" },
];

function rawRequest(kase: Case): string {
  const [line = "", ...headers] = kase.head.split("\r\n");
  const http10 = line.endsWith("HTTP/1.0");
  const all = http10 || kase.abortAfterMs ? headers : [...headers, "Connection: close"];
  return `${http10 ? line : `${line} HTTP/1.1`}\r\n${all.map((h) => `${h}\r\n`).join("")}\r\n${kase.body ?? ""}`;
}

/** Sends one case on its own connection; resolves with the client's port once it is closed. */
async function send(kase: Case, ports: Record<ServerName, number>): Promise<number> {
  const port = ports[kase.server ?? "port"];
  const socket =
    kase.server === "tlsPort"
      ? connectTls({ port, host: "127.0.0.1", rejectUnauthorized: false })
      : connectTcp(port, "127.0.0.1");
  await once(socket, kase.server === "tlsPort" ? "secureConnect" : "connect");
  const localPort = socket.localPort as number;
  socket.on("error", () => {});
  socket.resume();
  socket.end(rawRequest(kase));
  await Promise.race([once(socket, "close"), delay(kase.abortAfterMs ?? 5_000)]);
  socket.destroy();
  return localPort;
}

interface Run {
  app: RunningApp;
  /** Each sampled case's server span, made comparable across runs. */
  spans: Map<string, unknown>;
  /** A server span of the unsampled case's connection: there should be none. */
  unsampled: ReceivedSpan | undefined;
}

/** A server span without what differs between runs: ids, times, the client's port. */
function comparable(span: ReceivedSpan, clientPort: number) {
  const { "network.peer.port": peerPort, ...attributes } = span.attributes;
  return {
    name: span.name,
    kind: span.kind,
    status: span.status,
    scope: span.scope,
    traceId: span.traceId === TRACE_ID ? "given" : "new",
    parentSpanId: span.parentSpanId,
    peerPortIsClients: peerPort === clientPort,
    attributes,
    events: span.events.map((event) => ({
      name: event.name,
      attributes: {
        ...event.attributes,
        // The frames name the emit wrapper, which differs; the error is the first line.
        "exception.stacktrace": String(event.attributes["exception.stacktrace"]).split("\n")[0],
      },
    })),
  };
}

const STOCK = "@opentelemetry/auto-instrumentations-node";

async function run(tracing: "lean" | "full" | "stock"): Promise<Run> {
  const before = bed.otlp.spans().length;
  const stock = tracing === "stock";
  const app = await startApp({
    app: await appTree("server-cases.cjs", stock ? ["express", STOCK] : ["express"]),
    preload: stock ? ["--require", `${STOCK}/register`] : ["--import", "@logtrace/bootstrap"],
    env: {
      ...bed.metadata.env,
      ...bed.otlp.env,
      OTEL_BSP_SCHEDULE_DELAY: "50",
      OTEL_METRICS_EXPORTER: "none",
      OTEL_LOGS_EXPORTER: "none",
      OTEL_NODE_RESOURCE_DETECTORS: "env,host,os,process",
      LOGTRACE_SPANS: stock ? undefined : tracing,
      LOGTRACE_LOG_LEVEL: "debug",
      TEST_TLS_KEY: LOCALHOST_TLS.key,
      TEST_TLS_CERT: LOCALHOST_TLS.cert,
    },
  });
  bed.app = app;
  const ports = app.ready as unknown as Record<ServerName, number>;
  const clientPorts = new Map<string, number>();
  for (const kase of CASES) clientPorts.set(kase.id, await send(kase, ports));

  const serverSpanOf = (id: string) =>
    bed.otlp
      .spans()
      .slice(before)
      .find(
        (span) => span.kind === 2 && span.attributes["network.peer.port"] === clientPorts.get(id),
      );
  const sampled = CASES.filter((kase) => kase.sampled !== false);
  await bed.otlp.waitForSpan(() => sampled.every((kase) => serverSpanOf(kase.id)), 10_000);
  await delay(200);
  const spans = new Map(
    sampled.map((kase) => [
      kase.id,
      comparable(serverSpanOf(kase.id) as ReceivedSpan, clientPorts.get(kase.id) as number),
    ]),
  );
  const unsampled = serverSpanOf("unsampled parent");
  await app.stop("SIGKILL");
  bed.app = undefined;
  return { app, spans, unsampled };
}

describe("the preload's server spans", () => {
  it("equal the stock SDK's on odd requests over http and https, in either span set", async () => {
    const stock = await run("stock");
    for (const spanSet of ["lean", "full"] as const) {
      const ours = await run(spanSet);
      expect(logtraceLines(ours.app)).toContain("[logtrace] server spans by the preload");
      for (const kase of CASES.filter((each) => each.sampled !== false)) {
        expect(ours.spans.get(kase.id), `${spanSet}: ${kase.id}`).toEqual(stock.spans.get(kase.id));
      }
      expect(ours.unsampled).toBeUndefined();
    }
    expect(stock.unsampled).toBeUndefined();

    // What they agree on is what a trace view needs.
    const span = (id: string) => stock.spans.get(id) as ReturnType<typeof comparable>;
    expect(span("route")).toMatchObject({
      name: "GET /users/:id",
      peerPortIsClients: true,
      attributes: { "http.route": "/users/:id", "url.path": "/users/42", "server.port": 8080 },
    });
    expect(span("sampled parent")).toMatchObject({ traceId: "given", parentSpanId: PARENT_ID });
    expect(span("query to redact").attributes["url.query"]).toBe(
      "sig=REDACTED&x=1&X-Amz-Signature=REDACTED&a=b+c",
    );
    expect(span("503 answer")).toMatchObject({
      status: { code: 2 },
      attributes: { "error.type": "503" },
    });
    expect(span("not found")).toMatchObject({ name: "GET", status: { code: 0 } });
    expect(span("listener throws")).toMatchObject({
      status: { code: 2, message: "listener threw" },
      attributes: { "error.type": "TypeError" },
      events: [{ name: "exception", attributes: { "exception.message": "listener threw" } }],
    });
    expect(span("https route")).toMatchObject({
      attributes: { "url.scheme": "https", "server.port": 443 },
    });
  });
});
