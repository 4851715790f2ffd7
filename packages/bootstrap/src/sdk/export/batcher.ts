import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace";
import { load } from "../load.js";
import type { ExportHealth } from "./export-health.js";

type Api = typeof import("@opentelemetry/api");
type Core = typeof import("@opentelemetry/core");

export interface BatcherOptions {
  /** OTEL_BSP_MAX_QUEUE_SIZE: spans beyond it are dropped and counted. */
  maxQueueSize: number;
  /** OTEL_BSP_MAX_EXPORT_BATCH_SIZE. */
  maxExportBatchSize: number;
  /** OTEL_BSP_SCHEDULE_DELAY: how long an ended span may wait for its batch. */
  scheduledDelayMs: number;
  /** Delivers one batch; false when it was dropped (the sender counts and says it). */
  send(spans: ReadableSpan[]): Promise<boolean>;
  health: ExportHealth;
}

/**
 * Batches sampled spans for export, one batch at a time. Unlike the SDK's batch processor it
 * holds no timer or socket that keeps the process alive, counts what it drops, and can hand
 * over what it still holds (queued and in flight) to the exit path.
 */
export class SpanBatcher implements SpanProcessor {
  private queue: ReadableSpan[] = [];
  private inFlight: ReadableSpan[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  private readonly api = load("@opentelemetry/api") as Api;
  private readonly core = load("@opentelemetry/core") as Core;

  constructor(private readonly options: BatcherOptions) {}

  onStart(_span: Span, _parent: Context): void {}

  onEnd(span: ReadableSpan): void {
    if (this.closed || (span.spanContext().traceFlags & 1) === 0) return;
    if (this.queue.length >= this.options.maxQueueSize) {
      this.options.health.dropped(1, { kind: "queue-full" });
      return;
    }
    this.queue.push(span);
    if (this.running) return;
    if (this.queue.length >= this.options.maxExportBatchSize) void this.run();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.run(), this.options.scheduledDelayMs);
      this.timer.unref();
    }
  }

  /** Exports everything queued, including what ends meanwhile. */
  forceFlush(): Promise<void> {
    return this.run();
  }

  shutdown(): Promise<void> {
    this.closed = true;
    return this.run();
  }

  /** Takes what has not been delivered yet, for a last synchronous send at exit. */
  takeUndelivered(): ReadableSpan[] {
    const spans = [...this.inFlight, ...this.queue];
    this.inFlight = [];
    this.queue = [];
    return spans;
  }

  /** The next batch; the whole queue without a copy when it fits. */
  private takeBatch(): ReadableSpan[] {
    const { queue } = this;
    if (queue.length > this.options.maxExportBatchSize) {
      return queue.splice(0, this.options.maxExportBatchSize);
    }
    this.queue = [];
    return queue;
  }

  private run(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running ??= this.exportAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async exportAll(): Promise<void> {
    const { api, core } = this;
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      this.inFlight = batch;
      const settling = resourcesSettling(batch);
      if (settling) await settling;
      // Our own requests must not become spans (the http instrumentation is on).
      const untraced = core.suppressTracing(api.context.active());
      await api.context.with(untraced, () => this.options.send(batch));
      if (this.inFlight === batch) this.inFlight = [];
    }
  }
}

/**
 * Spans of a resource still being completed (the ECS metadata) wait for it, as in the SDK:
 * undefined when none does. A batch's spans nearly always share one resource, so each resource
 * is asked once per run of spans that share it, not once per span.
 */
function resourcesSettling(spans: ReadableSpan[]): Promise<unknown> | undefined {
  const pending = new Set<ReadableSpan["resource"]>();
  let previous: ReadableSpan["resource"] | undefined;
  for (const span of spans) {
    const { resource } = span;
    if (resource === previous) continue;
    previous = resource;
    if (resource.asyncAttributesPending) pending.add(resource);
  }
  if (pending.size === 0) return undefined;
  return Promise.all([...pending].map((resource) => resource.waitForAsyncAttributes?.()));
}
