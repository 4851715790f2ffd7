import type { Report } from "../preload/report.js";

/** How long a signal may wait for the last spans before the process goes down as it would have. */
export const SIGNAL_FLUSH_MS = 2000;

interface Flushable {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Sends, synchronously, what is still unexported when the process exits; a line or undefined. */
export type ExitExport = () => string | undefined;

/**
 * Exports the last spans on SIGTERM, SIGINT and a natural exit, without changing what the
 * signals do:
 * - if the app handles the signal itself, we only start a flush next to its handler;
 * - if it does not, the default would terminate the process: we flush (bounded by
 *   SIGNAL_FLUSH_MS), remove our listener and raise the same signal again, so the process still
 *   dies of that signal (exit status 128 + n, `signal` seen by the parent);
 * - `beforeExit` (the event loop ran dry) shuts the provider down, once;
 * - `exit` (an explicit `process.exit()`, often inside the app's own signal handler) cannot wait
 *   for anything asynchronous: the spans not yet exported are sent synchronously, bounded.
 */
export function flushOnExit(provider: Flushable, exitExport: ExitExport, report: Report): void {
  process.once("exit", () => {
    try {
      const line = exitExport();
      if (line) report({ level: "debug", message: line });
    } catch (error) {
      report({
        level: "debug",
        message: `last spans not sent at exit: ${(error as Error).message}`,
      });
    }
  });
  let shutDown = false;
  process.once("beforeExit", () => {
    shutDown = true;
    provider.shutdown().catch(() => {});
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) {
        provider.forceFlush().catch(() => {});
        return;
      }
      process.removeListener(signal, onSignal);
      const reraise = () => process.kill(process.pid, signal);
      if (shutDown) {
        reraise();
        return;
      }
      const bound = setTimeout(() => {
        report({
          level: "debug",
          message: `spans not flushed within ${SIGNAL_FLUSH_MS} ms of ${signal}`,
        });
        reraise();
      }, SIGNAL_FLUSH_MS);
      provider.forceFlush().then(
        () => {
          clearTimeout(bound);
          reraise();
        },
        () => {
          clearTimeout(bound);
          reraise();
        },
      );
    };
    process.on(signal, onSignal);
  }
}
