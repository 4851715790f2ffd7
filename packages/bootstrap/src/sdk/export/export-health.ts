import type { Report } from "../../report.js";

/** Why spans were not delivered, as one line names it. */
export type DropReason = { kind: "export-failed"; error: string } | { kind: "queue-full" };

/** Lines about drops come at most this often; a recovery, and the cause of an outage, at once. */
export const REPEAT_LINE_MS = 60_000;

type State =
  | { name: "delivering" }
  | {
      name: "dropping";
      /** Whether this outage's first line was said (it waits while a line is recent). */
      said: boolean;
      /** Whether a failed export was named in this outage (a full queue may come first). */
      failureNamed: boolean;
      /** Spans dropped since the outage began. */
      dropped: number;
    };

/**
 * What the operator is told about export, and how often: an outage's first drop is one warning
 * naming the endpoint and the error; then at most one line a minute with the count dropped
 * since the last line; one line when spans are delivered again. A collector that keeps
 * flapping (too slow for the load, or failing every other request) still gets a line or two a
 * minute. Never a line per span or per retry.
 */
export class ExportHealth {
  private state: State = { name: "delivering" };
  private lastLineAt = Number.NEGATIVE_INFINITY;
  private droppedSinceLine = 0;
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
    const { state } = this;
    if (state.name !== "dropping") return;
    this.state = { name: "delivering" };
    if (state.said) {
      this.say(
        `spans are exported to ${this.endpoint} again (${spans(state.dropped)} dropped while they were not)`,
      );
    }
  }

  dropped(count: number, reason: DropReason): void {
    if (count <= 0) return;
    this.droppedCount += count;
    this.droppedSinceLine += count;
    if (this.state.name === "delivering") {
      this.state = { name: "dropping", said: false, failureNamed: false, dropped: 0 };
    }
    const state = this.state;
    state.dropped += count;
    const failed = reason.kind === "export-failed";
    const recent = this.now() - this.lastLineAt < REPEAT_LINE_MS;
    if ((!state.said && !recent) || (state.said && failed && !state.failureNamed)) {
      state.said = true;
      state.failureNamed ||= failed;
      this.say(
        `${firstLine(this.endpoint, reason)}; ${spans(this.droppedSinceLine)} dropped, said again at most once a minute`,
      );
    } else if (state.said && !recent) {
      const seconds = Math.round((this.now() - this.lastLineAt) / 1000);
      this.say(
        `${spans(this.droppedSinceLine)} dropped in the last ${seconds} s (${describe(reason)})`,
      );
    }
  }

  private say(message: string): void {
    this.lastLineAt = this.now();
    this.droppedSinceLine = 0;
    this.report({ level: "warn", message });
  }
}

const spans = (count: number) => `${count} span${count === 1 ? "" : "s"}`;

function describe(reason: DropReason): string {
  return reason.kind === "queue-full"
    ? "span queue full: the collector does not keep up (OTEL_BSP_MAX_QUEUE_SIZE)"
    : reason.error;
}

function firstLine(endpoint: string, reason: DropReason): string {
  return reason.kind === "queue-full"
    ? describe(reason)
    : `cannot export spans to ${endpoint}: ${reason.error}`;
}
