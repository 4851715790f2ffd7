import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace";

/**
 * The spans that ended but whose export has not succeeded yet (queued in the batch processor or
 * in flight), so that an explicit `process.exit()` can still send them synchronously. Bounded:
 * the oldest are forgotten first, as the batch processor itself drops spans when full.
 */
export class UnexportedSpans {
  private readonly spans = new Set<ReadableSpan>();
  constructor(private readonly capacity: number) {}

  add(span: ReadableSpan) {
    if (this.spans.size >= this.capacity) {
      const oldest = this.spans.values().next().value;
      if (oldest) this.spans.delete(oldest);
    }
    this.spans.add(span);
  }

  exported(spans: ReadableSpan[]) {
    for (const span of spans) this.spans.delete(span);
  }

  /** Takes them all (an exit sends them once). */
  drain(): ReadableSpan[] {
    const all = [...this.spans];
    this.spans.clear();
    return all;
  }
}

/** Records each sampled span that ends, then hands it to the wrapped (batch) processor. */
export function trackingProcessor(
  inner: SpanProcessor,
  unexported: UnexportedSpans,
): SpanProcessor {
  return {
    onStart: (span: Span, parent: Context) => inner.onStart(span, parent),
    onEnd(span: ReadableSpan) {
      if (span.spanContext().traceFlags & 1) unexported.add(span);
      inner.onEnd(span);
    },
    forceFlush: () => inner.forceFlush(),
    shutdown: () => inner.shutdown(),
  };
}

/** Forgets the spans of each batch the wrapped exporter delivered. */
export function trackingExporter(inner: SpanExporter, unexported: UnexportedSpans): SpanExporter {
  return {
    export(spans, done) {
      inner.export(spans, (result) => {
        if (result.code === 0) unexported.exported(spans);
        done(result);
      });
    },
    shutdown: () => inner.shutdown(),
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
  };
}
