import type { Diagnostic } from "@logtrace/aws-resource";
import { type CollectorFault, type OtlpReceiver, startOtlpReceiver } from "@logtrace/testkit";
import { type ReadableSpan, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, it } from "vitest";
import { SpanBatcher } from "./batcher.js";
import { ExportHealth } from "./export-health.js";
import { createOtlpHttpSender } from "./otlp-http-exporter.js";
import { otlpTarget } from "./otlp-target.js";
import { createPoster } from "./post.js";
import { traceSerializer } from "./trace-serializer.js";

let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** Real spans from a real provider, exported through our batcher and sender. */
async function pipeline(fault: CollectorFault | undefined, env: Record<string, string> = {}) {
  receiver = await startOtlpReceiver(fault ? { fault } : {});
  const target = otlpTarget({ ...receiver.env, ...env }, "http/protobuf");
  const lines: string[] = [];
  const health = new ExportHealth(target.url, (line: Diagnostic) => lines.push(line.message));
  const send = createOtlpHttpSender(
    target,
    () => traceSerializer("http/protobuf", () => {}),
    createPoster(target),
    health,
  );
  const sent: boolean[] = [];
  const batcher = new SpanBatcher({
    maxQueueSize: 8,
    maxExportBatchSize: 4,
    scheduledDelayMs: 10_000,
    health,
    send: async (spans: ReadableSpan[]) => {
      const result = await send(spans);
      sent.push(result);
      return result;
    },
  });
  const tracer = new TracerProvider({ spanProcessors: [batcher] }).getTracer("export-test");
  const endSpans = (count: number) => {
    for (let i = 0; i < count; i++) tracer.startSpan(`span ${i}`).end();
  };
  return { batcher, endSpans, lines, sent, target, receiver };
}

describe("export to a healthy collector", () => {
  it("delivers every batch and says nothing", async () => {
    const p = await pipeline(undefined);
    p.endSpans(6);
    await p.batcher.forceFlush();
    expect(p.receiver.spans().map((span) => span.name)).toEqual([
      "span 0",
      "span 1",
      "span 2",
      "span 3",
      "span 4",
      "span 5",
    ]);
    expect(p.sent).toEqual([true, true]);
    expect(p.lines).toEqual([]);
  });

  it("gzips when OTEL_EXPORTER_OTLP_COMPRESSION=gzip (the receiver decodes it)", async () => {
    const p = await pipeline(undefined, { OTEL_EXPORTER_OTLP_COMPRESSION: "gzip" });
    p.endSpans(2);
    await p.batcher.forceFlush();
    expect(p.receiver.spans()).toHaveLength(2);
    expect(p.receiver.errors()).toEqual([]);
  });
});

describe("export to a collector that fails", () => {
  it.each([
    ["refuses", { kind: "refuse" }, /connection refused \(ECONNREFUSED\)/],
    ["never answers", { kind: "hang" }, /no answer within \d+ ms/],
    ["answers 500 (not retried)", { kind: "status", status: 500 }, /HTTP 500/],
  ] as const)(
    "%s: the batch is dropped within the export timeout, one line",
    async (_, fault, error) => {
      const p = await pipeline(fault, { OTEL_EXPORTER_OTLP_TIMEOUT: "800" });
      p.endSpans(4);
      const started = performance.now();
      await p.batcher.forceFlush();
      expect(performance.now() - started).toBeLessThan(1500);
      expect(p.sent).toEqual([false]);
      expect(p.lines).toHaveLength(1);
      expect(p.lines[0]).toMatch(error);
      expect(p.lines[0]).toContain(p.target.url);
    },
  );

  it("503 is retried, within the timeout", async () => {
    const p = await pipeline(
      { kind: "status", status: 503 },
      { OTEL_EXPORTER_OTLP_TIMEOUT: "3000" },
    );
    p.endSpans(1);
    await p.batcher.forceFlush();
    expect(p.receiver.requests()).toBeGreaterThanOrEqual(2);
    expect(p.lines).toEqual([expect.stringMatching(/HTTP 503/)]);
  });

  it("the queue is bounded: spans beyond it are dropped and counted", async () => {
    const p = await pipeline({ kind: "hang" }, { OTEL_EXPORTER_OTLP_TIMEOUT: "500" });
    p.endSpans(4); // one full batch: goes out and hangs
    p.endSpans(20); // the queue holds 8 of these
    await p.batcher.forceFlush();
    expect(p.sent).toEqual([false, false, false]);
    expect(p.lines).toEqual([
      expect.stringMatching(/^span queue full.*; 1 span dropped/),
      expect.stringMatching(/no answer within 500 ms; 15 spans dropped/),
    ]);
    expect(p.batcher.takeUndelivered()).toEqual([]);
  });

  it("a collector that comes back: exports resume, one line says so", async () => {
    const p = await pipeline({ kind: "refuse", forMs: 600 }, { OTEL_EXPORTER_OTLP_TIMEOUT: "400" });
    p.endSpans(4);
    await p.batcher.forceFlush();
    await new Promise((resolve) => setTimeout(resolve, 700));
    p.endSpans(4);
    await p.batcher.forceFlush();
    expect(p.sent).toEqual([false, true]);
    expect(p.receiver.spans()).toHaveLength(4);
    expect(p.lines).toEqual([
      expect.stringMatching(/ECONNREFUSED/),
      `spans are exported to ${p.target.url} again (4 spans dropped while they were not)`,
    ]);
  });
});
