import type { Report } from "../report.js";

/** What the exit paths need from the span pipeline. */
export interface ExitFlush {
  /** Exports what is held, asynchronously (the export itself never holds the process). */
  flush(): Promise<void>;
  /** Sends what is held synchronously, bounded by `boundMs`, for the `exit` event; a line. */
  sendNow(boundMs: number): string | undefined;
  /** The last flush ran out of time: what it still held is dropped, and said once. */
  giveUp(boundMs: number): void;
  /** What was delivered and dropped since start, for a debug line at exit. */
  summary(): string | undefined;
}

/** Where the last flush stands: it runs once, bounded, whichever way the process ends. */
type LastFlush = "not started" | "running" | "over";

/**
 * One bounded last flush, without changing how the process ends:
 * - `beforeExit` (the app's own work is done; exports never keep the loop alive): a flush, kept
 *   alive for at most `boundMs`;
 * - `exit` (an explicit `process.exit()`, often in the app's own signal handler): nothing
 *   asynchronous runs any more, so what is held is sent synchronously, bounded;
 * - SIGTERM / SIGINT the app does not handle: the flush, bounded, then the same signal again, so
 *   the process still dies of it. Where the app handles the signal, it decides when to end.
 */
export function flushOnExit(pipeline: ExitFlush, boundMs: number, report: Report): void {
  let last: LastFlush = "not started";

  const flushOnce = (): Promise<void> => {
    if (last !== "not started") return Promise.resolve();
    last = "running";
    return new Promise<void>((done) => {
      const bound = setTimeout(() => {
        pipeline.giveUp(boundMs);
        done();
      }, boundMs);
      pipeline.flush().then(
        () => {
          clearTimeout(bound);
          done();
        },
        () => {
          clearTimeout(bound);
          done();
        },
      );
    }).finally(() => {
      last = "over";
    });
  };

  process.once("exit", () => {
    // After the last flush, what it did not deliver is dropped (and was said): no second wait.
    if (last === "not started") {
      last = "over";
      try {
        const line = pipeline.sendNow(boundMs);
        if (line) report({ level: "debug", message: line });
      } catch (error) {
        report({
          level: "debug",
          message: `last spans not sent at exit: ${(error as Error).message}`,
        });
      }
    }
    const summary = pipeline.summary();
    if (summary) report({ level: "debug", message: summary });
  });
  process.on("beforeExit", () => void flushOnce());

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return;
      process.removeListener(signal, onSignal);
      void flushOnce().then(() => process.kill(process.pid, signal));
    };
    process.on(signal, onSignal);
  }
}
