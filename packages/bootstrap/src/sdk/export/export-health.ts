import type { Report } from "../../preload/report.js";

/** Why spans were not delivered, as one line names it. */
export type DropReason = { kind: "export-failed"; error: string } | { kind: "queue-full" };

/** Seconds between two lines about the same outage. */
export const REPEAT_LINE_MS = 60_000;

type State =
  | { name: "healthy" }
  /** Spans are being dropped. */
  | {
      name: "dropping";
      reason: DropReason;
      /** When the last line was said. */
      since: number;
      dropped: number;
      total: number;
      /** A failed export is always named once, even when a full queue was said first. */
      exportFailureSaid: boolean;
    };

/**
 * What the operator is told about export, and how often: the first drop is one warning naming
 * the endpoint and the error; then at most one line a minute with the count dropped since the
 * last line; and one line when spans are delivered again. Never a line per span or per retry.
 */
export class ExportHealth {
  private state: State = { name: "healthy" };
  /** Since start, for the line at exit. */
  deliveredCount = 0;
  droppedCount = 0;

  constructor(
    private readonly endpoint: string,
    private readonly report: Report,
    private readonly now: () => number = Date.now,
  ) {}

  delivered(count: number): void {
    this.deliveredCount += count;
    if (this.state.name !== "dropping") return;
    const { total } = this.state;
    this.state = { name: "healthy" };
    this.report({
      level: "warn",
      message: `spans are exported to ${this.endpoint} again (${spans(total)} dropped while they were not)`,
    });
  }

  dropped(count: number, reason: DropReason): void {
    if (count <= 0) return;
    this.droppedCount += count;
    const now = this.now();
    const failed = reason.kind === "export-failed";
    if (this.state.name === "healthy" || (failed && !this.state.exportFailureSaid)) {
      const total = count + (this.state.name === "dropping" ? this.state.total : 0);
      this.state = {
        name: "dropping",
        reason,
        since: now,
        dropped: 0,
        total,
        exportFailureSaid: failed,
      };
      this.report({ level: "warn", message: firstLine(this.endpoint, reason, count) });
      return;
    }
    this.state.dropped += count;
    this.state.total += count;
    this.state.reason = reason;
    if (now - this.state.since < REPEAT_LINE_MS) return;
    const seconds = Math.round((now - this.state.since) / 1000);
    this.report({
      level: "warn",
      message: `${spans(this.state.dropped)} dropped in the last ${seconds} s (${describe(reason)})`,
    });
    this.state.since = now;
    this.state.dropped = 0;
  }
}

const spans = (count: number) => `${count} span${count === 1 ? "" : "s"}`;

function describe(reason: DropReason): string {
  return reason.kind === "queue-full"
    ? "span queue full: the collector does not keep up (OTEL_BSP_MAX_QUEUE_SIZE)"
    : reason.error;
}

function firstLine(endpoint: string, reason: DropReason, count: number): string {
  return reason.kind === "queue-full"
    ? `${describe(reason)}; ${spans(count)} dropped, said again at most once a minute`
    : `cannot export spans to ${endpoint}: ${reason.error}; ${spans(count)} dropped, said again at most once a minute`;
}
