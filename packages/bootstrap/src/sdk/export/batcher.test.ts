import type { Diagnostic } from "@logtrace/aws-resource";
import { type ReadableSpan, TracerProvider } from "@opentelemetry/sdk-trace";
import { expect, it } from "vitest";
import { SpanBatcher } from "./batcher.js";
import { ExportHealth } from "./export-health.js";

/** A batcher whose sends each take `sendMs`, recording the size of every batch. */
function slowBatcher(sendMs: number, scheduledDelayMs: number) {
  const batches: number[] = [];
  const lines: Diagnostic[] = [];
  const batcher = new SpanBatcher({
    maxQueueSize: 10_000,
    maxExportBatchSize: 100,
    scheduledDelayMs,
    health: new ExportHealth("http://127.0.0.1:4318/v1/traces", (line) => lines.push(line)),
    send: async (spans: ReadableSpan[]) => {
      batches.push(spans.length);
      await new Promise((resolve) => setTimeout(resolve, sendMs));
      return true;
    },
  });
  const tracer = new TracerProvider({ spanProcessors: [batcher] }).getTracer("batcher-test");
  const endSpans = (count: number) => {
    for (let i = 0; i < count; i++) tracer.startSpan(`span ${i}`).end();
  };
  return { batcher, batches, endSpans, lines };
}

it("under steady load, spans that end during a send wait for a full batch, not a send of their own", async () => {
  const { batcher, batches, endSpans } = slowBatcher(20, 60_000);
  endSpans(100);
  // 400 more spans trickle in, a few per tick, while the first batch is in flight.
  for (let tick = 0; tick < 80; tick++) {
    endSpans(5);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await batcher.forceFlush();
  expect(batches.reduce((sum, size) => sum + size, 0)).toBe(500);
  expect(batches).toEqual([100, 100, 100, 100, 100]);
});

it("a partial batch goes when its delay is up; spans ending during its send get a delay of their own", async () => {
  const { batcher, batches, endSpans } = slowBatcher(300, 40);
  endSpans(3);
  await expect.poll(() => batches, { interval: 5, timeout: 5000 }).toEqual([3]);
  endSpans(2); // while the first batch is in flight
  await expect.poll(() => batches, { interval: 5, timeout: 5000 }).toEqual([3, 2]);
  await batcher.shutdown();
  expect(batches).toEqual([3, 2]);
});
