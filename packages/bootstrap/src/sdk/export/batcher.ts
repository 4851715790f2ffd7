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
    if (this.queue.length >= this.options.maxExportBatchSize) void this.run("full batches");
    else this.schedule();
  }

  /** Exports everything queued, including what ends meanwhile. */
  async forceFlush(): Promise<void> {
    while (this.running || this.queue.length > 0) await this.run("everything");
  }

  shutdown(): Promise<void> {
    this.closed = true;
    return this.forceFlush();
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

  private schedule(): void {
    if (this.timer || this.closed || this.queue.length === 0) return;
    this.timer = setTimeout(() => void this.run("due"), this.options.scheduledDelayMs);
    this.timer.unref();
  }

  private run(scope: ExportScope): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running ??= this.export(scope).finally(() => {
      this.running = undefined;
      this.schedule();
    });
    return this.running;
  }

  /**
   * Spans that end while a batch is in flight wait for a full batch or their delay, as in the
   * SDK: sending whatever has queued meanwhile would post a stream of tiny requests under load.
   */
  private async export(scope: ExportScope): Promise<void> {
    const { api, core } = this;
    const max = this.options.maxExportBatchSize;
    let due =
      scope === "everything" ? Number.POSITIVE_INFINITY : scope === "due" ? this.queue.length : 0;
    while (this.queue.length > 0 && (due > 0 || this.queue.length >= max)) {
      const batch = this.takeBatch();
      due -= batch.length;
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

/** What one export run sends: all it holds, the spans whose delay is up, or only full batches. */
type ExportScope = "everything" | "due" | "full batches";

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
