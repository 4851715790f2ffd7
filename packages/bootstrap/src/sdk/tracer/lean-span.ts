import type {
  Attributes,
  AttributeValue,
  Context,
  Exception,
  HrTime,
  Link,
  SpanContext,
  SpanKind,
  SpanStatus,
  TimeInput,
} from "@opentelemetry/api";
import type { Resource } from "@opentelemetry/resources";
import type { Span, TimedEvent } from "@opentelemetry/sdk-trace";
import { isPlainValue, type SpanRuntime } from "./span-runtime.js";

/** OpenTelemetry's semantic conventions for a recorded exception. */
const EXCEPTION_EVENT = "exception";
const EXCEPTION_TYPE = "exception.type";
const EXCEPTION_MESSAGE = "exception.message";
const EXCEPTION_STACKTRACE = "exception.stacktrace";

const STATUS_UNSET = 0;
const STATUS_OK = 1;
const STATUS_ERROR = 2;
/** @opentelemetry/core's AddAttributeDecision. */
const DROP_LIMIT_REACHED = 2;
const ADD_NEW = 3;

export interface LeanSpanOptions {
  runtime: SpanRuntime;
  scope: Span["instrumentationScope"];
  context: Context;
  spanContext: SpanContext;
  parentSpanContext: SpanContext | undefined;
  name: string;
  kind: SpanKind;
  attributes: Attributes;
  droppedAttributesCount: number;
  links: Link[];
  startTime: TimeInput | undefined;
}

/**
 * A recording span with the SDK span's behaviour and readable fields: limits, status rules,
 * times (start from the wall clock, end from the monotonic clock), events, links and
 * exceptions. The common case, a plain attribute value, is stored without the SDK's general
 * cleaning; every other value goes through that cleaning in @opentelemetry/core.
 */
export class LeanSpan implements Span {
  name: string;
  readonly kind: SpanKind;
  readonly parentSpanContext: SpanContext | undefined;
  readonly attributes: Attributes;
  links: Link[];
  readonly events: TimedEvent[] = [];
  readonly startTime: HrTime;
  endTime: HrTime = [0, 0];
  duration: HrTime = [-1, -1];
  status: SpanStatus = { code: STATUS_UNSET };
  ended = false;
  readonly resource: Resource;
  readonly instrumentationScope: Span["instrumentationScope"];
  droppedAttributesCount: number;
  droppedEventsCount = 0;
  droppedLinksCount = 0;
  private attributeCount: number;
  private readonly runtime: SpanRuntime;
  private readonly context: SpanContext;
  private readonly monotonicStart: number;
  private readonly wallOffset: number;
  private readonly startTimeGiven: boolean;

  constructor(options: LeanSpanOptions) {
    const { runtime } = options;
    const now = Date.now();
    this.runtime = runtime;
    this.context = options.spanContext;
    this.monotonicStart = performance.now();
    this.wallOffset = now - (this.monotonicStart + performance.timeOrigin);
    this.startTimeGiven = options.startTime != null;
    this.name = options.name;
    this.kind = options.kind;
    this.parentSpanContext = options.parentSpanContext;
    this.startTime = this.toHrTime(options.startTime ?? now);
    this.resource = runtime.resource;
    this.instrumentationScope = options.scope;
    const { linkCountLimit } = runtime.limits;
    if (options.links.length > linkCountLimit) {
      this.links = options.links.slice(options.links.length - linkCountLimit);
      this.droppedLinksCount = options.links.length - linkCountLimit;
    } else {
      this.links = options.links;
    }
    this.attributes = options.attributes;
    this.attributeCount = Object.keys(options.attributes).length;
    this.droppedAttributesCount = options.droppedAttributesCount;
    for (const processor of runtime.processors) processor.onStart(this, options.context);
  }

  spanContext(): SpanContext {
    return this.context;
  }

  setAttribute(key: string, value?: AttributeValue): this {
    if (this.endedWarning()) return this;
    const { attributes, runtime } = this;
    const { limits } = runtime;
    if (key.length > 0 && isPlainValue(value, limits.attributeValueLengthLimit)) {
      const isNew = !Object.hasOwn(attributes, key);
      if (isNew && this.attributeCount >= limits.attributeCountLimit) return this.droppedOne();
      attributes[key] = value;
      if (isNew) this.attributeCount++;
      return this;
    }
    const decision = runtime.core.maybeAddAttribute({
      key,
      value,
      attributes,
      limits,
      currentAttributesCount: this.attributeCount,
    });
    if (decision === DROP_LIMIT_REACHED) return this.droppedOne();
    if (decision === ADD_NEW) this.attributeCount++;
    return this;
  }

  setAttributes(attributes: Attributes): this {
    for (const key in attributes) {
      if (Object.hasOwn(attributes, key)) this.setAttribute(key, attributes[key]);
    }
    return this;
  }

  addEvent(name: string, attributesOrTime?: Attributes | TimeInput, time?: TimeInput): this {
    if (this.endedWarning()) return this;
    const { api, core, limits } = this.runtime;
    if (limits.eventCountLimit === 0) {
      api.diag.warn("No events allowed.");
      this.droppedEventsCount++;
      return this;
    }
    if (this.events.length >= limits.eventCountLimit) {
      if (this.droppedEventsCount === 0) api.diag.debug("Dropping extra events.");
      this.events.shift();
      this.droppedEventsCount++;
    }
    let attributes = attributesOrTime as Attributes | undefined;
    if (core.isTimeInput(attributesOrTime)) {
      if (!core.isTimeInput(time)) time = attributesOrTime;
      attributes = undefined;
    }
    const cleaned = core.cleanSimpleAttributes(attributes, {
      attributeCountLimit: limits.attributePerEventCountLimit,
      attributeValueLengthLimit: limits.attributeValueLengthLimit,
    });
    this.events.push({ name, time: this.toHrTime(time), ...cleaned });
    return this;
  }

  addLink(link: Link): this {
    if (this.endedWarning()) return this;
    const { api, limits } = this.runtime;
    if (limits.linkCountLimit === 0) {
      this.droppedLinksCount++;
      return this;
    }
    if (this.links.length >= limits.linkCountLimit) {
      if (this.droppedLinksCount === 0) api.diag.debug("Dropping extra links.");
      this.links.shift();
      this.droppedLinksCount++;
    }
    this.links.push(cleanLink(this.runtime, link));
    return this;
  }

  addLinks(links: Link[]): this {
    for (const link of links) this.addLink(link);
    return this;
  }

  setStatus(status: SpanStatus): this {
    if (this.endedWarning()) return this;
    if (status.code === STATUS_UNSET || this.status.code === STATUS_OK) return this;
    const next: SpanStatus = { code: status.code };
    if (status.code === STATUS_ERROR) {
      if (typeof status.message === "string") next.message = status.message;
      else if (status.message != null) {
        this.runtime.api.diag.warn(
          `Dropping invalid status.message of type '${typeof status.message}', expected 'string'`,
        );
      }
    }
    this.status = next;
    return this;
  }

  updateName(name: string): this {
    if (this.endedWarning()) return this;
    this.name = name;
    return this;
  }

  end(endTime?: TimeInput): void {
    const { api, core, processors } = this.runtime;
    if (this.ended) {
      api.diag.error(
        `${this.name} ${this.context.traceId}-${this.context.spanId} - You can only call end() on a span once.`,
      );
      return;
    }
    this.endTime = this.toHrTime(endTime);
    this.duration = core.hrTimeDuration(this.startTime, this.endTime);
    if (this.duration[0] < 0) {
      api.diag.warn(
        "Inconsistent start and end time, startTime > endTime. Setting span duration to 0ms.",
        this.startTime,
        this.endTime,
      );
      this.endTime = [this.startTime[0], this.startTime[1]];
      this.duration = [0, 0];
    }
    if (this.droppedEventsCount > 0) {
      api.diag.warn(`Dropped ${this.droppedEventsCount} events because eventCountLimit reached`);
    }
    if (this.droppedLinksCount > 0) {
      api.diag.warn(`Dropped ${this.droppedLinksCount} links because linkCountLimit reached`);
    }
    for (const processor of processors) processor.onEnding?.(this);
    this.ended = true;
    for (const processor of processors) processor.onEnd(this);
  }

  isRecording(): boolean {
    return !this.ended;
  }

  recordException(exception: Exception, time?: TimeInput): void {
    const attributes: Attributes = {};
    if (typeof exception === "string") attributes[EXCEPTION_MESSAGE] = exception;
    else if (exception) {
      if (exception.code) attributes[EXCEPTION_TYPE] = exception.code.toString();
      else if (exception.name) attributes[EXCEPTION_TYPE] = exception.name;
      if (exception.message) attributes[EXCEPTION_MESSAGE] = exception.message;
      if (exception.stack) attributes[EXCEPTION_STACKTRACE] = exception.stack;
    }
    if (attributes[EXCEPTION_TYPE] || attributes[EXCEPTION_MESSAGE]) {
      this.addEvent(EXCEPTION_EVENT, attributes, time);
    } else this.runtime.api.diag.warn(`Failed to record an exception ${exception}`);
  }

  private droppedOne(): this {
    this.droppedAttributesCount++;
    if (this.droppedAttributesCount === 1) this.runtime.api.diag.warn("Dropping extra attributes.");
    return this;
  }

  private endedWarning(): boolean {
    if (!this.ended) return false;
    const { traceId, spanId } = this.context;
    const where = `{traceId: ${traceId}, spanId: ${spanId}}`;
    this.runtime.api.diag.warn(
      `Cannot execute the operation on ended Span ${where}`,
      new Error(`Operation attempted on ended Span ${where}`),
    );
    return true;
  }

  /** The SDK's reading of a time: monotonic after start unless a start time was given. */
  private toHrTime(input: TimeInput | undefined): HrTime {
    const { core } = this.runtime;
    if (typeof input === "number" && input <= performance.now()) {
      return core.hrTime(input + this.wallOffset);
    }
    if (typeof input === "number") return core.millisToHrTime(input);
    if (input instanceof Date) return core.millisToHrTime(input.getTime());
    if (core.isTimeInputHrTime(input)) return input as HrTime;
    if (this.startTimeGiven) return core.millisToHrTime(Date.now());
    const elapsedMs = performance.now() - this.monotonicStart;
    return core.addHrTimes(this.startTime, core.millisToHrTime(elapsedMs));
  }
}

/** A link with its attributes cleaned to the per-link limits, as the SDK stores it. */
export function cleanLink(runtime: SpanRuntime, link: Link): Link {
  const { limits } = runtime;
  return {
    context: link.context,
    ...runtime.core.cleanAttributes(link.attributes, {
      attributeCountLimit: limits.attributePerLinkCountLimit,
      attributeValueLengthLimit: limits.attributeValueLengthLimit,
    }),
  };
}
