// Cost of turning a batch of ended spans into an OTLP/protobuf request body: the official
// ProtobufTraceSerializer of @opentelemetry/otlp-transformer against our encoder
// (src/sdk/export/protobuf), on batches of what an Express app records per request (an http
// server span, an express handler span, an undici client span, attributes as those
// instrumentations set them), made by the real SDK. Wall clock per span (interleaved rounds,
// medians) and bytes allocated per batch (heap and array buffers, median of single encodes).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { getHeapStatistics } from "node:v8";
import { benchContext, benchRatio, runBench, writeBenchSection } from "@logtrace/testkit";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const transformerVersion = JSON.parse(
  readFileSync(join(here, "../node_modules/@opentelemetry/otlp-transformer/package.json"), "utf8"),
).version;

/** Our encoder, compiled from the source as the preload bundles it. */
async function loadOurEncoder() {
  const dir = mkdtempSync(join(tmpdir(), "logtrace-encode-bench-"));
  const outfile = join(dir, "trace-request.mjs");
  await build({
    entryPoints: [join(here, "../src/sdk/export/protobuf/trace-request.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    outfile,
    logLevel: "error",
  });
  const module = await import(pathToFileURL(outfile).href);
  rmSync(dir, { recursive: true, force: true });
  return module.encodeTraceRequest;
}

/** Requests as an Express app behind a load balancer records them, with one outgoing call each. */
function recordRequests(count) {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      "service.name": "orders",
      "service.version": "1.4.2",
      "deployment.environment.name": "production",
      "telemetry.sdk.language": "nodejs",
      "telemetry.sdk.name": "opentelemetry",
      "telemetry.sdk.version": "3.1.1",
      "cloud.provider": "aws",
      "cloud.platform": "aws_ecs",
      "cloud.region": "eu-west-1",
      "cloud.account.id": "123456789012",
      "aws.ecs.launchtype": "fargate",
      "aws.ecs.cluster.arn": "arn:aws:ecs:eu-west-1:123456789012:cluster/prod",
      "aws.ecs.task.arn":
        "arn:aws:ecs:eu-west-1:123456789012:task/prod/0f1e2d3c4b5a69788796a5b4c3d2e1f0",
      "aws.ecs.task.family": "orders",
      "aws.ecs.task.revision": "42",
      "aws.log.group.names": ["/ecs/orders"],
      "host.name": "ip-10-0-1-23.eu-west-1.compute.internal",
      "host.arch": "amd64",
      "os.type": "linux",
      "process.pid": 7,
      "process.runtime.name": "nodejs",
      "process.runtime.version": "24.21.0",
      "service.instance.id": "a4c3b2e1-0f9e-4d8c-b7a6-958473625140",
    }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const http = provider.getTracer("@opentelemetry/instrumentation-http", "0.300.0");
  const express = provider.getTracer("@opentelemetry/instrumentation-express", "0.72.0");
  const undici = provider.getTracer("@opentelemetry/instrumentation-undici", "0.34.0");
  for (let i = 0; i < count; i++) {
    const failed = i % 10 === 9;
    const server = http.startSpan("GET /orders/:id", {
      kind: SpanKind.SERVER,
      attributes: {
        "http.request.method": "GET",
        "url.scheme": "http",
        "url.path": `/orders/${1000 + i}`,
        "server.address": "orders.internal",
        "server.port": 8080,
        "client.address": "10.0.2.14",
        "network.peer.address": "10.0.2.14",
        "network.peer.port": 40000 + (i % 2000),
        "network.protocol.version": "1.1",
        "user_agent.original":
          "ELB-HealthChecker/2.0 (compatible; orders-client/3.2; +https://example.com)",
        "http.route": "/orders/:id",
      },
    });
    const parent = trace.setSpan(ROOT_CONTEXT, server);
    express
      .startSpan(
        "request handler - /orders/:id",
        {
          attributes: {
            "http.route": "/orders/:id",
            "express.name": "/orders/:id",
            "express.type": "request_handler",
          },
        },
        parent,
      )
      .end();
    const client = undici.startSpan(
      "GET",
      {
        kind: SpanKind.CLIENT,
        attributes: {
          "http.request.method": "GET",
          "url.full": `http://inventory.internal:8080/items?order=${1000 + i}`,
          "url.path": "/items",
          "url.query": `?order=${1000 + i}`,
          "url.scheme": "http",
          "server.address": "inventory.internal",
          "server.port": 8080,
          "user_agent.original": "node",
          "network.peer.address": "10.0.3.7",
          "network.peer.port": 8080,
          "http.response.status_code": failed ? 503 : 200,
          "http.response.header.content-length": 512,
        },
      },
      parent,
    );
    if (failed) client.setStatus({ code: SpanStatusCode.ERROR });
    client.end();
    server.setAttribute("http.response.status_code", failed ? 500 : 200);
    if (failed) server.setStatus({ code: SpanStatusCode.ERROR });
    server.end();
  }
  return exporter.getFinishedSpans();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

const allocated = () => {
  const heap = getHeapStatistics();
  return heap.used_heap_size + process.memoryUsage().arrayBuffers;
};

/** Bytes one encode allocates: the growth of heap and external memory across it, median of 51. */
function bytesPerBatch(encode, spans) {
  const samples = [];
  for (let i = 0; i < 51; i++) {
    globalThis.gc?.();
    const before = allocated();
    const body = encode(spans);
    samples.push(allocated() - before);
    if (body.length === 0) throw new Error("empty body");
  }
  return Math.max(0, median(samples));
}

const ours = await loadOurEncoder();
const official = (spans) => ProtobufTraceSerializer.serializeRequest(spans);
const doc = [benchContext({ "@opentelemetry/otlp-transformer": transformerVersion }), ""];
const print = (text) => {
  console.log(text);
  doc.push(text);
};

print(
  "Encoding one batch of spans into an OTLP/protobuf request body (3 spans per request: http" +
    " server, express handler, undici client). Wall clock per span, median of 31 interleaved" +
    " rounds; bytes allocated per batch, median of 51 single encodes.\n",
);
print("| batch | encoder | ns/span | vs official | request bytes | bytes allocated/batch |");
print("|---:|---|---:|---:|---:|---:|");
for (const requests of [21, 170]) {
  const spans = recordRequests(requests);
  const a = ours(spans);
  const b = official(spans);
  if (Buffer.compare(a, b) !== 0) throw new Error("the encoders disagree on this batch");
  const cases = [
    { name: "official", encode: official },
    { name: "ours", encode: ours },
  ];
  const iterations = Math.max(20, Math.round(20_000 / spans.length));
  const results = runBench(
    cases.map(({ name, encode }) => ({ name, op: () => encode(spans) })),
    { iterations, rounds: 31, warmup: iterations * 5 },
  );
  const [base] = results;
  for (const [index, result] of results.entries()) {
    const { name, encode } = cases[index];
    const nsPerSpan = (result.nsPerOp / spans.length).toFixed(0);
    const ratio = `${benchRatio(result, base).toFixed(2)}×`;
    const allocatedBytes = bytesPerBatch(encode, spans);
    print(
      `| ${spans.length} spans | ${name} | ${nsPerSpan} | ${ratio} | ${a.length} | ${allocatedBytes} |`,
    );
  }
}
writeBenchSection("encoder", doc.join("\n"));
