// Preload (`node --import`) that traces an example the way an agent would: a real SDK with the
// AsyncLocalStorage context manager, the http and express instrumentations (ESM loader hook
// included), every ended span written as one JSON line to LOGTRACE_SPANS_FILE.
import { appendFileSync } from "node:fs";
import { register } from "node:module";
import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { ExpressInstrumentation } from "@opentelemetry/instrumentation-express";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";

const file = process.env.LOGTRACE_SPANS_FILE;
if (!file) throw new Error("tracing-preload: set LOGTRACE_SPANS_FILE");

register("@opentelemetry/instrumentation/hook.mjs", import.meta.url);

const toNanos = ([seconds, nanos]) => seconds * 1e9 + nanos;
const exporter = {
  export(spans, done) {
    const lines = spans.map((span) => {
      const { traceId, spanId } = span.spanContext();
      return JSON.stringify({
        traceId,
        spanId,
        parentSpanId: span.parentSpanContext?.spanId,
        name: span.name,
        kind: span.kind,
        startNs: toNanos(span.startTime),
        endNs: toNanos(span.endTime),
        status: span.status,
        attributes: span.attributes,
        resource: span.resource.attributes,
      });
    });
    appendFileSync(file, `${lines.join("\n")}\n`);
    done({ code: 0 });
  },
  shutdown: async () => {},
};

propagation.setGlobalPropagator(new W3CTraceContextPropagator());
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(
  new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }),
);
registerInstrumentations({
  instrumentations: [new HttpInstrumentation(), new ExpressInstrumentation()],
});
