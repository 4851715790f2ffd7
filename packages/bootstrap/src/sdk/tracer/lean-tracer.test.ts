import {
  type Attributes,
  type Context,
  createTraceState,
  type HrTime,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanKind,
  type TimeInput,
  TraceFlags,
  trace,
} from "@opentelemetry/api";
import { suppressTracing } from "@opentelemetry/core";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  type ReadableSpan,
  type Sampler,
  SamplingDecision,
  type SpanLimits,
  type SpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { pick, seededRandom } from "../seeded-random.testutil.js";
import { LeanTracerProvider } from "./lean-tracer.js";

// Every operation below runs on an SDK span and on ours; what each records must be the same.

const SEED = Number(process.env.TRACER_SEED ?? 20261205);
const CASES = 600;

function prng(seed: number) {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]) => pick(next, items) };
}
type Random = ReturnType<typeof prng>;

const KEYS = ["a", "b", "http.route", "url.path", "", "k5", "k6", "1"];

function value(r: Random, depth = 0): unknown {
  switch (r.int(depth > 1 ? 9 : 14)) {
    case 0:
      return "short";
    case 1:
      return "a string longer than any small limit";
    case 2:
      return r.int(1000) - 500;
    case 3:
      return r.next();
    case 4:
      return r.next() < 0.5;
    case 5:
      return undefined;
    case 6:
      return "";
    case 7:
      return Number.NaN;
    case 8:
      return null;
    case 9:
      return ["x", "a long element of an array", null];
    case 10:
      return [1, "mixed", true];
    case 11:
      return { nested: value(r, depth + 1), list: [value(r, depth + 1)] };
    case 12:
      return new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    default:
      return r.pick([() => 1, Symbol("s"), 10n, new Date(0)]);
  }
}

function attributes(r: Random): Attributes {
  const out: Record<string, unknown> = {};
  for (let i = r.int(7); i > 0; i--) out[r.pick(KEYS)] = value(r);
  return out as Attributes;
}

const time = (r: Random): TimeInput =>
  r.pick<() => TimeInput>([
    () => 1_700_000_000_000 + r.int(1000),
    () => new Date(1_700_000_000_000 + r.int(1000)),
    () => [1_700_000_000, r.int(1e9)],
  ])();

const otherSpan = (r: Random, isRemote = false): SpanContext => ({
  traceId: "0af7651916cd43dd8448eb211c80319c",
  spanId: r.pick(["b7ad6b7169203331", "00f067aa0ba902b7"]),
  traceFlags: r.pick([TraceFlags.SAMPLED, TraceFlags.NONE]),
  isRemote,
  traceState: r.next() < 0.3 ? createTraceState("vendor=value") : undefined,
});

function parentContext(r: Random): Context {
  switch (r.int(5)) {
    case 0:
      return trace.setSpanContext(ROOT_CONTEXT, otherSpan(r));
    case 1:
      return trace.setSpanContext(ROOT_CONTEXT, otherSpan(r, true));
    case 2:
      return trace.setSpanContext(ROOT_CONTEXT, { ...otherSpan(r), traceId: "0".repeat(32) });
    default:
      return ROOT_CONTEXT;
  }
}

/** A sampler that sometimes adds attributes and trace state, as the X-Ray sampler can. */
const addingSampler: Sampler = {
  shouldSample: (_context, _traceId, name) =>
    name.length % 2 === 0
      ? { decision: SamplingDecision.RECORD_AND_SAMPLED }
      : {
          decision: SamplingDecision.RECORD_AND_SAMPLED,
          attributes: { "sampler.rule": "default", "a long sampler value": "abcdefghijkl" },
          traceState: createTraceState("sampler=1"),
        },
  toString: () => "adding",
};

type Operation = (span: Span) => void;

/** A span's start and then a random sequence of operations, the same for both tracers. */
function scenario(r: Random) {
  const name = r.pick(["GET", "GET /users/:id", "middleware - query"]);
  const options = {
    kind: r.pick([undefined, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.INTERNAL]),
    attributes: r.next() < 0.8 ? attributes(r) : undefined,
    links: r.next() < 0.3 ? [{ context: otherSpan(r), attributes: attributes(r) }] : undefined,
    startTime: r.next() < 0.3 ? time(r) : undefined,
    root: r.next() < 0.1,
  };
  const context = r.next() < 0.05 ? suppressTracing(ROOT_CONTEXT) : parentContext(r);
  const operations: Operation[] = [];
  for (let i = r.int(14); i > 0; i--) {
    const key = r.pick(KEYS);
    const v = value(r) as never;
    const attrs = attributes(r);
    const when = r.next() < 0.5 ? time(r) : undefined;
    const link = { context: otherSpan(r), attributes: attributes(r) };
    const status = {
      code: r.pick([0, 1, 2]),
      message: r.pick([undefined, "failed", 42 as never]),
    };
    const renamed = `renamed ${i}`;
    const error = r.pick<unknown>([
      new TypeError("bad input"),
      "a string",
      { code: 42, message: "coded" },
      { name: "OnlyName" },
      {},
    ]);
    operations.push(
      r.pick<Operation>([
        (span) => span.setAttribute(key, v),
        (span) => span.setAttributes(attrs),
        (span) => span.addEvent("event", attrs, when),
        (span) => span.addEvent("timed", when),
        (span) => span.addEvent("bare"),
        (span) => span.addLink(link),
        (span) => span.addLinks([link, link]),
        (span) => span.setStatus(status),
        (span) => span.updateName(renamed),
        (span) => span.recordException(error as never, when),
      ]),
    );
  }
  const endTime = r.next() < 0.3 ? time(r) : undefined;
  const afterEnd = r.next() < 0.2 ? operations.slice(0, 2) : [];
  return { name, options, context, operations, endTime, afterEnd };
}

function recorder() {
  const started: ReadableSpan[] = [];
  const ended: ReadableSpan[] = [];
  const processor: SpanProcessor = {
    onStart: (span) => void started.push(span as unknown as ReadableSpan),
    onEnd: (span) => void ended.push(span),
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  return { started, ended, processor };
}

/** Times the scenarios give lie in 2023; any later time is a clock reading, which differs. */
const given = (time: HrTime) => (time[0] < 1_750_000_000 ? time : "clock reading");

/** What a span records, with its own random ids and its clock readings left out. */
function view(span: ReadableSpan) {
  const context = span.spanContext();
  return {
    name: span.name,
    kind: span.kind,
    traceIdFromParent: context.traceId === "0af7651916cd43dd8448eb211c80319c",
    traceFlags: context.traceFlags,
    traceState: context.traceState?.serialize(),
    parent: span.parentSpanContext,
    attributes: span.attributes,
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events.map((event) => ({ ...event, time: given(event.time) })),
    droppedEventsCount: span.droppedEventsCount,
    links: span.links,
    droppedLinksCount: span.droppedLinksCount,
    status: span.status,
    ended: span.ended,
    startTime: given(span.startTime),
    endTime: given(span.endTime),
    resource: span.resource.attributes,
    scope: span.instrumentationScope,
  };
}

const defaultSampler = () => new ParentBasedSampler({ root: new AlwaysOnSampler() });

/** Runs every scenario on both tracers; returns how many spans both recorded, compared. */
function compareRecorded(
  seed: number,
  sampler: Sampler = defaultSampler(),
  spanLimits?: SpanLimits,
) {
  const resource = resourceFromAttributes({ "service.name": "svc" });
  const sdkRecorder = recorder();
  const leanRecorder = recorder();
  const scope = ["scope", "1.0.0", { schemaUrl: "https://example.com/schema" }] as const;
  const options = (processor: SpanProcessor) => ({
    resource,
    sampler,
    spanLimits,
    spanProcessors: [processor],
  });
  const sdk = new TracerProvider(options(sdkRecorder.processor)).getTracer(...scope);
  const lean = new LeanTracerProvider(options(leanRecorder.processor)).getTracer(...scope);

  const r = prng(seed);
  let compared = 0;
  for (let i = 0; i < CASES; i++) {
    const s = scenario(r);
    const before = sdkRecorder.ended.length;
    const [sdkSpan, leanSpan] = [sdk, lean].map((tracer) =>
      tracer.startSpan(s.name, s.options, s.context),
    ) as [Span, Span];
    for (const operation of s.operations) {
      operation(sdkSpan);
      operation(leanSpan);
    }
    sdkSpan.end(s.endTime);
    leanSpan.end(s.endTime);
    for (const operation of s.afterEnd) {
      operation(sdkSpan);
      operation(leanSpan);
    }
    const where = `case ${i}, seed ${seed}`;
    expect(leanSpan.isRecording(), where).toBe(false);
    expect(leanSpan.spanContext().traceFlags, where).toBe(sdkSpan.spanContext().traceFlags);
    expect(trace.isSpanContextValid(leanSpan.spanContext()), where).toBe(
      trace.isSpanContextValid(sdkSpan.spanContext()),
    );
    expect(leanRecorder.started.length, where).toBe(sdkRecorder.started.length);
    expect(leanRecorder.ended.length, where).toBe(sdkRecorder.ended.length);
    if (sdkRecorder.ended.length === before) continue;
    const recordedSdk = sdkRecorder.ended.at(-1) as ReadableSpan;
    const recordedLean = leanRecorder.ended.at(-1) as ReadableSpan;
    expect(view(recordedLean), where).toEqual(view(recordedSdk));
    expect(recordedLean.duration[0] >= 0 && recordedLean.duration[1] >= 0, where).toBe(true);
    compared++;
  }
  return compared;
}

describe("LeanTracerProvider records what the SDK's records", () => {
  it("with the default sampler and limits", () => {
    expect(compareRecorded(SEED)).toBeGreaterThan(CASES * 0.5);
  });

  it("with small limits on attributes, events and links", () => {
    const limits: SpanLimits = {
      attributeCountLimit: 3,
      attributeValueLengthLimit: 6,
      eventCountLimit: 2,
      linkCountLimit: 1,
      attributePerEventCountLimit: 2,
      attributePerLinkCountLimit: 1,
    };
    expect(compareRecorded(SEED + 1, defaultSampler(), limits)).toBeGreaterThan(CASES * 0.5);
  });

  it("with a sampler that adds attributes and trace state", () => {
    expect(compareRecorded(SEED + 2, addingSampler, { attributeCountLimit: 4 })).toBeGreaterThan(
      CASES * 0.5,
    );
  });

  it("records nothing and propagates the context when the sampler drops the span", () => {
    const { processor, started } = recorder();
    const tracer = new LeanTracerProvider({
      resource: resourceFromAttributes({}),
      sampler: new AlwaysOffSampler(),
      spanProcessors: [processor],
    }).getTracer("scope");
    const span = tracer.startSpan("dropped");
    expect(span.isRecording()).toBe(false);
    expect(trace.isSpanContextValid(span.spanContext())).toBe(true);
    expect(span.spanContext().traceFlags).toBe(TraceFlags.NONE);
    expect(started).toHaveLength(0);
  });
});

describe("LeanTracerProvider ids", () => {
  it("makes valid, distinct ids", () => {
    const tracer = new LeanTracerProvider({
      resource: resourceFromAttributes({}),
      sampler: new AlwaysOffSampler(),
      spanProcessors: [],
    }).getTracer("scope");
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const { traceId, spanId } = tracer.startSpan("x").spanContext();
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(spanId).toMatch(/^[0-9a-f]{16}$/);
      seen.add(traceId).add(spanId);
    }
    expect(seen.size).toBe(10_000);
  });
});
