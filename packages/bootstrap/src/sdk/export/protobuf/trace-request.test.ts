import { decodeTraceRequestProtobuf } from "@logtrace/testkit";
import {
  defaultTextMapGetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../seeded-random.testutil.js";
import { randomSpans } from "./random-spans.testutil.js";
import { encodeTraceRequest } from "./trace-request.js";

const official = (spans: ReadableSpan[]) => ProtobufTraceSerializer.serializeRequest(spans);

/** Where two encodings first differ, for a failure message that can be acted on. */
function firstDifference(ours: Uint8Array, theirs: Uint8Array): string {
  const length = Math.min(ours.length, theirs.length);
  for (let i = 0; i < length; i++) {
    if (ours[i] !== theirs[i]) return `byte ${i}: ours ${ours[i]}, official ${theirs[i]}`;
  }
  return `lengths: ours ${ours.length}, official ${theirs.length}`;
}

const CASES = 4000;
// ENCODER_SEED reproduces a failing run; otherwise each run tries new cases.
const SEED = Number(process.env.ENCODER_SEED ?? Math.floor(Math.random() * 2 ** 32));

describe("encodeTraceRequest", () => {
  it(`writes the official serialiser's bytes for ${CASES} random requests`, () => {
    console.log(`encodeTraceRequest: ${CASES} random requests, ENCODER_SEED=${SEED}`);
    const random = seededRandom(SEED);
    let spanCount = 0;
    let byteCount = 0;
    for (let index = 0; index < CASES; index++) {
      const spans = randomSpans(random);
      const theirs = official(spans) as Uint8Array;
      const ours = encodeTraceRequest(spans);
      if (Buffer.compare(ours, theirs) !== 0) {
        expect.fail(`ENCODER_SEED=${SEED}, case ${index}: ${firstDifference(ours, theirs)}`);
      }
      spanCount += spans.length;
      byteCount += ours.length;
    }
    console.log(`encodeTraceRequest: ${spanCount} spans, ${byteCount} bytes, all identical`);
  }, 120_000);

  it("writes what an independent protobuf decoder reads back as the spans", () => {
    const random = seededRandom(SEED ^ 0x5bd1e995);
    for (let index = 0; index < 200; index++) {
      const spans = randomSpans(random);
      const decoded = decodeTraceRequestProtobuf(encodeTraceRequest(spans)) as Decoded;
      const flat = decoded.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
      expect(flat).toHaveLength(spans.length);
      const byId = new Map(flat.map((span) => [hexOf(span.spanId) + hexOf(span.traceId), span]));
      for (const span of spans) {
        const { traceId, spanId } = span.spanContext();
        const got = byId.get((spanId + traceId).toLowerCase());
        expect(got, `ENCODER_SEED=${SEED}, case ${index}`).toBeDefined();
        expect(got?.name ?? "").toBe(Buffer.from(span.name).toString());
        expect(got?.kind ?? 0).toBe(span.kind + 1);
        expect(got?.startTimeUnixNano ?? "0").toBe(nanos(span.startTime));
        expect(got?.endTimeUnixNano ?? "0").toBe(nanos(span.endTime));
        expect(got?.attributes ?? []).toHaveLength(Object.keys(span.attributes).length);
        expect(got?.events ?? []).toHaveLength(span.events.length);
        expect(got?.links ?? []).toHaveLength(span.links.length);
        expect(got?.status?.code ?? 0).toBe(span.status.code);
        expect(hexOf(got?.parentSpanId)).toBe(span.parentSpanContext?.spanId?.toLowerCase() ?? "");
      }
    }
  }, 60_000);

  it("writes the official bytes for spans of the real SDK", async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({
      resource: resourceFromAttributes(
        { "service.name": "orders", "aws.log.group.names": ["/ecs/orders"], "process.pid": 42 },
        { schemaUrl: "https://opentelemetry.io/schemas/1.30.0" },
      ),
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
    });
    const http = provider.getTracer("@opentelemetry/instrumentation-http", "0.300.0");
    const undici = provider.getTracer("@opentelemetry/instrumentation-undici");
    const remote = new W3CTraceContextPropagator().extract(
      ROOT_CONTEXT,
      {
        traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        tracestate: "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7",
      },
      defaultTextMapGetter,
    );
    const server = http.startSpan(
      "GET /orders/:id",
      {
        kind: SpanKind.SERVER,
        attributes: {
          "http.request.method": "GET",
          "url.path": "/orders/7",
          "http.route": "/orders/:id",
          "server.port": 8080,
          "http.response.status_code": 500,
          "network.peer.address": "::1",
        },
      },
      remote,
    );
    const client = undici.startSpan(
      "GET",
      {
        kind: SpanKind.CLIENT,
        attributes: { "url.full": "http://inventory:8080/items?id=7", ratio: 0.25 },
        links: [{ context: server.spanContext(), attributes: { reason: "retry" } }],
      },
      trace.setSpan(ROOT_CONTEXT, server),
    );
    client.addEvent("retry", { attempt: 2, delays: [100, 150], ok: false });
    client.end();
    server.recordException(new Error("inventory failed"));
    server.setStatus({ code: SpanStatusCode.ERROR, message: "inventory failed" });
    server.end();
    http.startSpan("internal", { root: true }).end();
    await provider.forceFlush();
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(3);
    expect(Buffer.compare(encodeTraceRequest(spans), official(spans) as Uint8Array)).toBe(0);
    await provider.shutdown();
  });

  it("throws on an id that is not hex, writing nothing", () => {
    const spans = randomSpans(seededRandom(1));
    const [first] = spans as [ReadableSpan];
    const bad = {
      ...first,
      spanContext: () => ({ ...first.spanContext(), spanId: "zz".repeat(8) }),
    };
    expect(() => encodeTraceRequest([first, bad])).toThrow(/not hex/u);
    expect(Buffer.compare(encodeTraceRequest([first]), official([first]) as Uint8Array)).toBe(0);
  });
});

interface DecodedSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string;
  endTimeUnixNano?: string;
  attributes?: unknown[];
  events?: unknown[];
  links?: unknown[];
  status?: { code?: number };
}
interface Decoded {
  resourceSpans: { scopeSpans: { spans: DecodedSpan[] }[] }[];
}

const hexOf = (base64: string | undefined) => Buffer.from(base64 ?? "", "base64").toString("hex");
const nanos = ([seconds, nanoseconds]: [number, number]) =>
  (BigInt(seconds) * 1_000_000_000n + BigInt(nanoseconds)).toString();
