import { startTracing, type Tracing, throwingSpan } from "@logtrace/testkit";
import { context, ROOT_CONTEXT, type Span, TraceFlags, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTraceContext } from "./trace-context.js";

let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing();
});
afterAll(() => tracing.shutdown());

function withSpanContext<T>(spanContext: object, fn: () => T): T {
  return context.with(trace.setSpan(ROOT_CONTEXT, trace.wrapSpanContext(spanContext as never)), fn);
}

describe("getTraceContext", () => {
  it("is undefined outside any span", () => {
    expect(getTraceContext()).toBeUndefined();
  });

  it("returns the active SDK span's ids and flags", () => {
    tracing.inSpan((span: Span) => {
      const expected = span.spanContext();
      expect(getTraceContext()).toEqual({
        traceId: expected.traceId,
        spanId: expected.spanId,
        traceFlags: TraceFlags.SAMPLED,
      });
    });
  });

  it("follows the context through awaits and nested spans", async () => {
    await tracing.inSpan(async (outer) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(getTraceContext()?.spanId).toBe(outer.spanContext().spanId);
      await tracing.inSpan(async (inner) => {
        await Promise.resolve();
        expect(getTraceContext()?.spanId).toBe(inner.spanContext().spanId);
        expect(getTraceContext()?.traceId).toBe(outer.spanContext().traceId);
      });
      expect(getTraceContext()?.spanId).toBe(outer.spanContext().spanId);
    });
  });

  it("answers for the context it is asked about when requests interleave", () => {
    const [first, second] = [tracing.tracer.startSpan("a"), tracing.tracer.startSpan("b")];
    const contexts = [first, second].map((span) => trace.setSpan(ROOT_CONTEXT, span));
    const seen = [0, 0, 1, 0, 1, 1].map((which) =>
      context.with(contexts[which] as never, () => getTraceContext()?.spanId),
    );
    const ids = [first, second].map((span) => span.spanContext().spanId);
    expect(seen).toEqual([0, 0, 1, 0, 1, 1].map((which) => ids[which]));
    expect(getTraceContext()).toBeUndefined();
    for (const span of [first, second]) span.end();
  });

  it("reports an unsampled span with flags 0", () => {
    tracing.inSpan(
      () => {
        expect(getTraceContext()?.traceFlags).toBe(TraceFlags.NONE);
      },
      { sampled: false },
    );
  });

  const invalid: [string, object][] = [
    ["all-zero trace id", { traceId: "0".repeat(32), spanId: "a".repeat(16), traceFlags: 1 }],
    ["all-zero span id", { traceId: "a".repeat(32), spanId: "0".repeat(16), traceFlags: 1 }],
    ["short trace id", { traceId: "a".repeat(31), spanId: "a".repeat(16), traceFlags: 1 }],
    ["long span id", { traceId: "a".repeat(32), spanId: "a".repeat(17), traceFlags: 1 }],
    ["uppercase hex", { traceId: "A".repeat(32), spanId: "a".repeat(16), traceFlags: 1 }],
    ["non-hex", { traceId: "g".repeat(32), spanId: "a".repeat(16), traceFlags: 1 }],
    ["numeric id", { traceId: 12, spanId: "a".repeat(16), traceFlags: 1 }],
    ["flags out of range", { traceId: "a".repeat(32), spanId: "a".repeat(16), traceFlags: 256 }],
    ["flags not a number", { traceId: "a".repeat(32), spanId: "a".repeat(16), traceFlags: "1" }],
  ];
  it.each(invalid)("is undefined for an invalid span context: %s", (_name, spanContext) => {
    withSpanContext(spanContext, () => {
      expect(trace.getActiveSpan()).toBeDefined();
      expect(getTraceContext()).toBeUndefined();
    });
  });

  it("is undefined, not a throw, when the span's spanContext() throws", () => {
    context.with(trace.setSpan(ROOT_CONTEXT, throwingSpan as never), () => {
      expect(getTraceContext()).toBeUndefined();
    });
  });

  it("is undefined, not a throw, when span context getters throw", () => {
    const hostile = Object.defineProperty({}, "traceId", {
      get() {
        throw new Error("hostile getter");
      },
    });
    withSpanContext(hostile, () => {
      expect(getTraceContext()).toBeUndefined();
    });
  });
});
