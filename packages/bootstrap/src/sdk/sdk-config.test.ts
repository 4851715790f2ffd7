import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { SamplingDecision, TracerProvider } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { createPropagator } from "./propagator.js";
import { createSampler } from "./sampler.js";
import { createSpanProcessors } from "./span-processors.js";

const report = () => {};
const resource = resourceFromAttributes({ "service.name": "t" });
const sample = (env: Record<string, string>) =>
  createSampler(env, resource, report)?.shouldSample(
    ROOT_CONTEXT,
    "00000000000000000000000000000001",
    "s",
    SpanKind.SERVER,
    {},
    [],
  );

describe("OTEL_TRACES_SAMPLER", () => {
  it("builds the standard samplers", () => {
    expect(createSampler({}, resource, report)).toBeUndefined();
    expect(sample({ OTEL_TRACES_SAMPLER: "always_off" })?.decision).toBe(
      SamplingDecision.NOT_RECORD,
    );
    expect(
      sample({ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "1" })?.decision,
    ).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(
      String(
        createSampler(
          { OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.25" },
          resource,
          report,
        ),
      ),
    ).toMatch(/0\.25/);
  });

  it("builds the X-Ray remote sampler from ADOT's argument format", () => {
    const sampler = createSampler(
      {
        OTEL_TRACES_SAMPLER: "xray",
        OTEL_TRACES_SAMPLER_ARG: "endpoint=http://127.0.0.1:9,polling_interval=300",
      },
      resource,
      report,
    ) as unknown as { toString(): string; stopPollers(): void };
    try {
      expect(sampler.toString()).toMatch(/xray/i);
    } finally {
      sampler.stopPollers();
    }
  });
});

describe("OTEL_PROPAGATORS", () => {
  it("injects X-Ray and W3C headers when both are asked for", () => {
    const propagator = createPropagator({ OTEL_PROPAGATORS: "tracecontext,baggage,xray" }, report);
    expect(propagator).not.toBeNull();
    const spanContext = {
      traceId: "5759e988bd862e3fe1be46a994272793",
      spanId: "53995c3f42cd8ad8",
      traceFlags: 1,
    };
    const carrier: Record<string, string> = {};
    propagator?.inject(trace.setSpanContext(context.active(), spanContext), carrier, {
      set: (c, k, v) => {
        c[k] = v;
      },
    });
    expect(carrier.traceparent).toContain(spanContext.traceId);
    expect(carrier["x-amzn-trace-id"]).toBe(
      "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
    );
    expect(createPropagator({ OTEL_PROPAGATORS: "none" }, report)).toBeNull();
    expect(propagation).toBeDefined();
  });
});

describe("OTEL_TRACES_EXPORTER and protocol", () => {
  it("loads no exporter package for OTLP/HTTP, and the serialiser only at the first export", async () => {
    const { processors } = createSpanProcessors(
      { OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_EXPORTER_OTLP_TIMEOUT: "200" },
      report,
    );
    expect(processors).toHaveLength(1);
    expect(Object.keys(require.cache).join("\n")).not.toMatch(/otlp-transformer/);

    const provider = new TracerProvider({ spanProcessors: processors });
    provider.getTracer("t").startSpan("s").end();
    await provider.forceFlush(); // nothing listens: the batch is dropped, and said
    const loaded = Object.keys(require.cache).join("\n");
    expect(loaded).toMatch(/otlp-transformer/);
    expect(loaded).not.toMatch(/exporter-trace-otlp/);
    await provider.shutdown();
    expect(createSpanProcessors({ OTEL_TRACES_EXPORTER: "none" }, report).processors).toEqual([]);
  });
});
