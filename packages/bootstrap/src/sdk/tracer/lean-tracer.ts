import type {
  Attributes,
  Context,
  Span,
  SpanOptions,
  Tracer,
  TracerOptions,
  TracerProvider,
} from "@opentelemetry/api";
import { cleanLink, LeanSpan } from "./lean-span.js";
import { newSpanId, newTraceId } from "./span-ids.js";
import {
  copyIfClean,
  createSpanRuntime,
  type SpanRuntime,
  type SpanRuntimeOptions,
} from "./span-runtime.js";

/** @opentelemetry/sdk-trace's SamplingDecision. */
const NOT_RECORD = 0;
const RECORD_AND_SAMPLED = 2;
const NO_LIMITS = {
  attributeCountLimit: Number.POSITIVE_INFINITY,
  attributeValueLengthLimit: Number.POSITIVE_INFINITY,
};

/**
 * The SDK's tracer provider for the preload, with the same sampling, ids, limits and span
 * processors, without the SDK's per-span overhead: its own span metrics (the preload registers
 * no meter), a processor fan-out object, and the general attribute cleaning for plain values.
 */
export class LeanTracerProvider implements TracerProvider {
  private readonly runtime: SpanRuntime;
  private readonly tracers = new Map<string, Tracer>();

  constructor(options: SpanRuntimeOptions) {
    this.runtime = createSpanRuntime(options);
  }

  getTracer(name: string, version?: string, options?: TracerOptions): Tracer {
    const key = `${name}@${version || ""}:${options?.schemaUrl || ""}`;
    let tracer = this.tracers.get(key);
    if (!tracer) {
      tracer = new LeanTracer(this.runtime, { name, version, schemaUrl: options?.schemaUrl });
      this.tracers.set(key, tracer);
    }
    return tracer;
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.runtime.processors.map((processor) => processor.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all(this.runtime.processors.map((processor) => processor.shutdown()));
  }
}

class LeanTracer implements Tracer {
  constructor(
    private readonly runtime: SpanRuntime,
    private readonly scope: LeanSpan["instrumentationScope"],
  ) {}

  startSpan(name: string, options: SpanOptions = {}, context?: Context): Span {
    const { api, core, sampler, limits } = this.runtime;
    let parentContext = context ?? api.context.active();
    if (options.root) parentContext = api.trace.deleteSpan(parentContext);
    if (core.isTracingSuppressed(parentContext)) {
      api.diag.debug("Instrumentation suppressed, returning Noop Span");
      return api.trace.wrapSpanContext(api.INVALID_SPAN_CONTEXT);
    }
    const parent = api.trace.getSpan(parentContext)?.spanContext();
    const validParent = parent && api.trace.isSpanContextValid(parent) ? parent : undefined;
    const traceId = validParent ? validParent.traceId : newTraceId();
    const spanId = newSpanId();
    const kind = options.kind ?? api.SpanKind.INTERNAL;
    const links = (options.links ?? []).map((link) => cleanLink(this.runtime, link));

    // Plain attributes within the limits come out of both SDK cleanings as they went in.
    let attributes = copyIfClean(options.attributes, limits);
    const plain = attributes !== undefined;
    let dropped = 0;
    if (!attributes) {
      const cleaned = core.cleanAttributes(options.attributes, NO_LIMITS);
      attributes = cleaned.attributes ?? {};
      dropped = cleaned.droppedAttributesCount ?? 0;
    }
    const sampling = sampler.shouldSample(parentContext, traceId, name, kind, attributes, links);
    const traceFlags =
      sampling.decision === RECORD_AND_SAMPLED ? api.TraceFlags.SAMPLED : api.TraceFlags.NONE;
    const traceState = sampling.traceState ?? validParent?.traceState;
    const spanContext = { traceId, spanId, traceFlags, traceState };
    if (sampling.decision === NOT_RECORD) {
      api.diag.debug("Recording is off, propagating context in a non-recording span");
      return api.trace.wrapSpanContext(spanContext);
    }
    if (!plain || hasAny(sampling.attributes)) {
      const cleaned = core.cleanAttributes(Object.assign(attributes, sampling.attributes), limits);
      attributes = cleaned.attributes ?? {};
      dropped += cleaned.droppedAttributesCount ?? 0;
    }
    return new LeanSpan({
      runtime: this.runtime,
      scope: this.scope,
      context: parentContext,
      spanContext,
      parentSpanContext: validParent,
      name,
      kind,
      attributes,
      droppedAttributesCount: dropped,
      links,
      startTime: options.startTime,
    });
  }

  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    ...rest: [F] | [SpanOptions, F] | [SpanOptions, Context, F]
  ): ReturnType<F> {
    const { api } = this.runtime;
    if ((rest as unknown[]).length === 0) return undefined as ReturnType<F>;
    const fn = rest[rest.length - 1] as F;
    const options = rest.length > 1 ? (rest[0] as SpanOptions) : undefined;
    const parentContext = rest.length > 2 ? (rest[1] as Context) : api.context.active();
    const span = this.startSpan(name, options, parentContext);
    const run = fn as (span: Span) => ReturnType<F>;
    return api.context.with(api.trace.setSpan(parentContext, span), run, undefined, span);
  }
}

function hasAny(attributes: Attributes | undefined): boolean {
  if (!attributes) return false;
  for (const key in attributes) if (Object.hasOwn(attributes, key)) return true;
  return false;
}
