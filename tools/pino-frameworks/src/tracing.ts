import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { ExportResultCode, W3CTraceContextPropagator } from "@opentelemetry/core";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import {
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
  TracerProvider,
} from "@opentelemetry/sdk-trace";

/** One JSON line per ended span on stdout, beside the log lines, for the test to match. */
export interface SpanLine {
  span: { traceId: string; spanId: string; kind: number; name: string };
}

const stdoutExporter: SpanExporter = {
  export(spans: ReadableSpan[], done) {
    for (const span of spans) {
      const { traceId, spanId } = span.spanContext();
      const line: SpanLine = { span: { traceId, spanId, kind: span.kind, name: span.name } };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
    done({ code: ExportResultCode.SUCCESS });
  },
  shutdown: async () => {},
};

// The real SDK with the http instrumentation only, so the active span in a handler is the
// server span; loaded with --import before the app, as an app's own tracing file is.
const provider = new TracerProvider({
  spanProcessors: [new SimpleSpanProcessor({ exporter: stdoutExporter })],
});
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
trace.setGlobalTracerProvider(provider);
registerInstrumentations({
  tracerProvider: provider,
  instrumentations: [new HttpInstrumentation()],
});
