import { startTracing, type Tracing } from "@logtrace/testkit";
import * as api from "@opentelemetry/api";
import { afterEach, beforeEach, expect, it } from "vitest";
import { routeOnlyTracerProvider } from "./route-only-tracer.js";

let tracing: Tracing;
beforeEach(() => {
  tracing = startTracing();
});
afterEach(() => tracing.shutdown());

const frameworkTracer = () => routeOnlyTracerProvider(api).getTracer("framework");

it("a framework span stands in for the active one: its ids, its records, never ended, renamed or given a status by it", async () => {
  await tracing.inSpan(
    async (server) => {
      const layer = frameworkTracer().startSpan("middleware - query", { attributes: { a: 1 } });
      expect(layer.spanContext()).toEqual(server.spanContext());
      expect(layer.isRecording()).toBe(true);
      await api.context.with(api.trace.setSpan(api.context.active(), layer), async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        // What a handler does with the active span, and what a framework does on an error.
        api.trace.getActiveSpan()?.setAttribute("order.id", "42");
        layer.recordException(new Error("boom"));
        layer.setStatus({ code: api.SpanStatusCode.ERROR, message: "boom" });
      });
      layer.updateName("request handler - /x");
      layer.end();
      expect(api.trace.getActiveSpan()).toBe(server);
    },
    { name: "GET /users/:id" },
  );
  const spans = tracing.finishedSpans();
  expect(spans.map((span) => span.name)).toEqual(["GET /users/:id"]);
  const [server] = spans;
  expect(server?.attributes).toEqual({ "order.id": "42" });
  expect(server?.status).toEqual({ code: api.SpanStatusCode.UNSET });
  expect(server?.events.map((event) => event.name)).toEqual(["exception"]);
});

it("startActiveSpan runs the callback with the stand-in active; outside any span it is invalid", () => {
  const tracer = frameworkTracer();
  tracing.inSpan((server) => {
    const seen = tracer.startActiveSpan("handler", { attributes: {} }, (span) => {
      span.end();
      return api.trace.getActiveSpan()?.spanContext().spanId;
    });
    expect(seen).toBe(server.spanContext().spanId);
  });
  const outside = tracer.startSpan("Create Nest App");
  expect(api.trace.isSpanContextValid(outside.spanContext())).toBe(false);
  expect(outside.isRecording()).toBe(false);
  outside.end();
  expect(tracing.finishedSpans()).toHaveLength(1);
});
