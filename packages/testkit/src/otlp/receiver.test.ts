import { context, trace } from "@opentelemetry/api";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, it } from "vitest";
import { type OtlpReceiver, startOtlpReceiver } from "./receiver.js";

let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
});

// Real exporters on both protocols against the receiver: the decoded spans must be the same.
describe.each([
  ["http/protobuf", ProtoExporter],
  ["http/json", JsonExporter],
] as const)("OTLP receiver, %s", (protocol, Exporter) => {
  it("records spans with their resource, ids as hex", async () => {
    receiver = await startOtlpReceiver();
    const exporter = new Exporter({ url: receiver.tracesUrl });
    const provider = new TracerProvider({
      resource: resourceFromAttributes({
        "service.name": "svc",
        "aws.log.group.names": "/ecs/a&/ecs/b",
        "list.attr": ["x", "y"],
      }),
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
    });
    const tracer = provider.getTracer("receiver-test", "1.2.3");
    const parent = tracer.startSpan("parent");
    const child = tracer.startSpan(
      "child",
      { attributes: { n: 42, ok: true, ratio: 0.5 }, startTime: [1_700_000_000, 0] },
      trace.setSpan(context.active(), parent),
    );
    child.setStatus({ code: 2, message: "boom" });
    child.end([1_700_000_000, 123_456_789]);
    parent.end();
    const ids = { parent: parent.spanContext(), child: child.spanContext() };
    const spans = await receiver.waitForSpans(2, 5000);
    await provider.shutdown();

    const received = spans.find((span) => span.name === "child");
    expect(received).toMatchObject({
      traceId: ids.parent.traceId,
      spanId: ids.child.spanId,
      parentSpanId: ids.parent.spanId,
      attributes: { n: 42, ok: true, ratio: 0.5 },
      startTimeUnixNano: "1700000000000000000",
      endTimeUnixNano: "1700000000123456789",
      status: { code: 2, message: "boom" },
      scope: { name: "receiver-test", version: "1.2.3" },
      protocol,
    });
    expect(received?.resource).toMatchObject({
      "service.name": "svc",
      "aws.log.group.names": "/ecs/a&/ecs/b",
      "list.attr": ["x", "y"],
    });
    expect(receiver.errors()).toEqual([]);
  });
});

describe("OTLP receiver", () => {
  it("times out clearly when spans do not come", async () => {
    receiver = await startOtlpReceiver();
    await expect(receiver.waitForSpans(1, 50)).rejects.toThrow(/received 0 of 1 spans/);
  });
});

/** One POST of an empty protobuf request: what the collector does with it. */
async function post(url: string, timeoutMs = 1000) {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-protobuf" },
      body: new Uint8Array(0),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return `status ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as Error).name;
  }
}

describe("collector faults", () => {
  it("hang: the request is read and never answered", async () => {
    receiver = await startOtlpReceiver({ fault: { kind: "hang" } });
    expect(await post(receiver.tracesUrl, 300)).toBe("TimeoutError");
    expect(receiver.requests()).toBe(1);
  });

  it("status: every request gets it", async () => {
    receiver = await startOtlpReceiver({ fault: { kind: "status", status: 503 } });
    expect(await post(receiver.tracesUrl)).toBe("status 503");
  });

  it("slow: answered after the delay", async () => {
    receiver = await startOtlpReceiver({ fault: { kind: "slow", delayMs: 300 } });
    const started = performance.now();
    expect(await post(receiver.tracesUrl)).toBe("status 200");
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("refuse: nothing listens, then the same URL answers after forMs", async () => {
    receiver = await startOtlpReceiver({ fault: { kind: "refuse", forMs: 300 } });
    expect(await post(receiver.tracesUrl)).toBe("ECONNREFUSED");
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await post(receiver.tracesUrl)).toBe("status 200");
  });
});
