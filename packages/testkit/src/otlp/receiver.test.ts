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
      { attributes: { n: 42, ok: true, ratio: 0.5 } },
      trace.setSpan(context.active(), parent),
    );
    child.end();
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
