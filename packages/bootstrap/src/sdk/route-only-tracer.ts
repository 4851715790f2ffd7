import type { Context, Span, SpanOptions, Tracer, TracerProvider } from "@opentelemetry/api";

type Api = typeof import("@opentelemetry/api");

/**
 * The tracer of a framework instrumentation kept only for the route it gives the server span
 * (lean span set). Each span it starts stands in for the span active at that point: it carries
 * that span's ids (so log lines and child spans name the server span), writes into it what is
 * recorded on it (an exception, attributes a handler sets on the active span), and can neither
 * end, rename nor set the status of it: the server span's status follows the HTTP status code,
 * so a 4xx the framework marks as an error stays unset, as the semantic conventions say.
 * Nothing is recorded or exported for it.
 */
export function routeOnlyTracerProvider(api: Api): TracerProvider {
  const standIn = (active: Span | undefined): Span => {
    if (!active) return api.trace.wrapSpanContext(api.INVALID_SPAN_CONTEXT);
    const span: Span = {
      spanContext: () => active.spanContext(),
      setAttribute(key, value) {
        active.setAttribute(key, value);
        return span;
      },
      setAttributes(attributes) {
        active.setAttributes(attributes);
        return span;
      },
      addEvent(name, attributesOrTime, time) {
        active.addEvent(name, attributesOrTime, time);
        return span;
      },
      addLink(link) {
        active.addLink(link);
        return span;
      },
      addLinks(links) {
        active.addLinks(links);
        return span;
      },
      setStatus: () => span,
      recordException: (exception, time) => active.recordException(exception, time),
      updateName: () => span,
      end: () => {},
      isRecording: () => active.isRecording(),
    };
    return span;
  };
  const startSpan = (_name: string, _options?: SpanOptions, context?: Context) =>
    standIn(api.trace.getSpan(context ?? api.context.active()));
  const tracer = {
    startSpan,
    startActiveSpan(name: string, ...rest: unknown[]) {
      const fn = rest.pop() as (span: Span) => unknown;
      const [options, context = api.context.active()] = rest as [SpanOptions?, Context?];
      const span = startSpan(name, options, context);
      return api.context.with(api.trace.setSpan(context, span), fn, undefined, span);
    },
  } as Tracer;
  return { getTracer: () => tracer };
}
