import { context, type Span, type Tracer, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  AlwaysOffSampler,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";

/** A real OpenTelemetry SDK registered globally: provider, context manager, in-memory exporter. */
export interface Tracing {
  readonly tracer: Tracer;
  /** Spans ended so far. */
  finishedSpans(): ReadableSpan[];
  /** Runs `fn` inside a new active span (ended afterwards, also when `fn` throws or rejects). */
  inSpan<T>(fn: (span: Span) => T, options?: { sampled?: boolean; name?: string }): T;
  shutdown(): Promise<void>;
}

/** Registers a real SDK tracer provider and AsyncLocalStorage context manager globally. */
export function startTracing(): Tracing {
  const exporter = new InMemorySpanExporter();
  const sampled = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const unsampled = new TracerProvider({ sampler: new AlwaysOffSampler() });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(sampled);
  const tracer = sampled.getTracer("logtrace-testkit");
  const unsampledTracer = unsampled.getTracer("logtrace-testkit");

  return {
    tracer,
    finishedSpans: () => exporter.getFinishedSpans(),
    inSpan(fn, options = {}) {
      const chosen = options.sampled === false ? unsampledTracer : tracer;
      return chosen.startActiveSpan(options.name ?? "test-span", (span) => {
        let result: ReturnType<typeof fn>;
        try {
          result = fn(span);
        } catch (error) {
          span.end();
          throw error;
        }
        if (result instanceof Promise) {
          return result.finally(() => span.end()) as ReturnType<typeof fn>;
        }
        span.end();
        return result;
      });
    },
    async shutdown() {
      await sampled.shutdown();
      await unsampled.shutdown();
      contextManager.disable();
      context.disable();
      trace.disable();
    },
  };
}
