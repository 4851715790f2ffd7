import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { SpanBatcher } from "./export/batcher.js";
import { ExportHealth } from "./export/export-health.js";
import { PendingResource } from "./pending-resource.js";

const before = resourceFromAttributes({ "service.name": "app", team: "a" });
const later = <T>() => {
  let settle!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  return { promise, settle, fail };
};

describe("PendingResource with the real span processors", () => {
  it.each([
    ["batch", (exporter: InMemorySpanExporter) => new BatchSpanProcessor({ exporter })],
    ["simple", (exporter: InMemorySpanExporter) => new SimpleSpanProcessor({ exporter })],
    [
      "ours",
      (exporter: InMemorySpanExporter) =>
        new SpanBatcher({
          maxQueueSize: 100,
          maxExportBatchSize: 10,
          scheduledDelayMs: 10_000,
          health: new ExportHealth("test", () => {}),
          send: (spans) =>
            new Promise<boolean>((done) => exporter.export(spans, (r) => done(r.code === 0))),
        }),
    ],
  ] as const)(
    "%s: a span ended before the attributes arrive is exported with them",
    async (_, processor) => {
      const after = later<ReturnType<typeof resourceFromAttributes>>();
      const resource = new PendingResource(before, after.promise);
      const exporter = new InMemorySpanExporter();
      const provider = new TracerProvider({ resource, spanProcessors: [processor(exporter)] });
      provider.getTracer("t").startSpan("early").end();

      const flushed = provider.forceFlush();
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Export waits for the resource.
      expect(exporter.getFinishedSpans()).toEqual([]);
      expect(resource.asyncAttributesPending).toBe(true);
      expect(resource.attributes).toEqual({ "service.name": "app", team: "a" });

      after.settle(resourceFromAttributes({ "aws.log.group.names": "/ecs/a" }).merge(before));
      await flushed;
      const [span] = exporter.getFinishedSpans();
      expect(span?.resource.attributes).toEqual({
        "service.name": "app",
        team: "a",
        "aws.log.group.names": "/ecs/a",
      });
      expect(resource.asyncAttributesPending).toBe(false);
      await provider.shutdown();
    },
  );

  it("stays as it was when the attributes never come (rejected), without blocking exports", async () => {
    const after = later<ReturnType<typeof resourceFromAttributes>>();
    const resource = new PendingResource(before, after.promise);
    after.fail(new Error("no metadata"));
    await resource.waitForAsyncAttributes();
    expect(resource.asyncAttributesPending).toBe(false);
    expect(resource.attributes).toEqual({ "service.name": "app", team: "a" });
  });

  it("merges while pending into a resource that is pending too", async () => {
    const after = later<ReturnType<typeof resourceFromAttributes>>();
    const merged = new PendingResource(before, after.promise).merge(
      resourceFromAttributes({ extra: "x" }),
    );
    expect(merged.asyncAttributesPending).toBe(true);
    after.settle(resourceFromAttributes({ late: "y" }));
    await merged.waitForAsyncAttributes?.();
    expect(merged.attributes).toEqual({ late: "y", extra: "x" });
  });
});
