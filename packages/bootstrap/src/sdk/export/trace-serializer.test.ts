import type { Diagnostic } from "@logtrace/aws-resource";
import { decodeTraceRequestProtobuf } from "@logtrace/testkit";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { traceSerializer } from "./trace-serializer.js";

function endedSpans(count: number): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer("serializer-test", "1.0.0");
  for (let i = 0; i < count; i++) tracer.startSpan(`span ${i}`, { attributes: { i } }).end();
  return exporter.getFinishedSpans();
}

/** A span whose id the SDK would never make: our encoder refuses it. */
function malformed(span: ReadableSpan): ReadableSpan {
  const context = { ...span.spanContext(), spanId: "not-a-span-id!!!" };
  return Object.assign(Object.create(span) as ReadableSpan, { spanContext: () => context });
}

describe("traceSerializer", () => {
  it("http/protobuf: writes the official bytes", () => {
    const spans = endedSpans(5);
    const bytes = traceSerializer("http/protobuf", () => {}).serializeRequest(spans);
    expect(
      Buffer.compare(
        bytes as Uint8Array,
        ProtobufTraceSerializer.serializeRequest(spans) as Uint8Array,
      ),
    ).toBe(0);
  });

  it("http/protobuf: a batch our encoder refuses goes through the official one, said once", () => {
    const lines: Diagnostic[] = [];
    const serializer = traceSerializer("http/protobuf", (line) => lines.push(line));
    const [first, second] = endedSpans(2) as [ReadableSpan, ReadableSpan];
    const bad = [first, malformed(second)];
    for (let i = 0; i < 3; i++) {
      const bytes = serializer.serializeRequest(bad) as Uint8Array;
      expect(
        Buffer.compare(bytes, ProtobufTraceSerializer.serializeRequest(bad) as Uint8Array),
      ).toBe(0);
      const decoded = decodeTraceRequestProtobuf(bytes) as {
        resourceSpans: { scopeSpans: { spans: unknown[] }[] }[];
      };
      expect(decoded.resourceSpans[0]?.scopeSpans[0]?.spans).toHaveLength(2);
    }
    expect(lines).toEqual([
      {
        level: "debug",
        message: expect.stringMatching(
          /^OTLP encoder: an id that is not hex: .*otlp-transformer$/u,
        ),
      },
    ]);
  });

  it("http/json: the official JSON serialiser", () => {
    const spans = endedSpans(2);
    const bytes = traceSerializer("http/json", () => {}).serializeRequest(spans);
    expect(Buffer.from(bytes as Uint8Array).toString()).toBe(
      Buffer.from(JsonTraceSerializer.serializeRequest(spans) as Uint8Array).toString(),
    );
  });
});
