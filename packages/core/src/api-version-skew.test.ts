import * as appApi from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { TracerProvider } from "@opentelemetry/sdk-trace";
import * as agentApi from "otel-api-1.9";
import { afterAll, describe, expect, it } from "vitest";
import { getTraceContext } from "./trace-context.js";

// The field case: an agent (ADOT 0.13 pins api 1.9.1) registers the global context manager and
// tracer provider; the app's own node_modules has api 1.10. The api refuses a registry written by
// a lower minor version, so the app's copy sees no span at all. logtrace must still see it.
describe("two @opentelemetry/api copies, the older one registering", () => {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const provider = new TracerProvider();
  agentApi.context.setGlobalContextManager(contextManager as never);
  agentApi.trace.setGlobalTracerProvider(provider as never);
  afterAll(() => provider.shutdown());

  it("installs two really different versions", () => {
    expect(agentApi.context.active).not.toBe(appApi.context.active);
    const registered = (globalThis as Record<symbol, { version: string }>)[
      Symbol.for("opentelemetry.js.api.1")
    ];
    expect(registered?.version).toBe("1.9.1");
  });

  it("finds the span that the app's own api copy cannot see", () => {
    const span = agentApi.trace.getTracer("agent").startSpan("request");
    const active = agentApi.trace.setSpan(agentApi.context.active(), span);
    agentApi.context.with(active, () => {
      expect(agentApi.trace.getActiveSpan()).toBe(span);
      // The failure mode logtrace exists to avoid:
      expect(appApi.trace.getActiveSpan()).toBeUndefined();

      const found = getTraceContext();
      expect(found?.traceId).toBe(span.spanContext().traceId);
      expect(found?.spanId).toBe(span.spanContext().spanId);
    });
    span.end();
  });
});
