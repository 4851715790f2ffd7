import { readFileSync } from "node:fs";
import type { CollectorFault } from "@logtrace/testkit";
import { startExample } from "./example-process.js";
import { EXPRESS_PINO_LOAD_PATHS, expressPinoDir } from "./express-pino.js";
import { runConcurrently, sendTraced } from "./traced-request.js";
import { startTracingSetup } from "./tracing-setup.js";

/** One collector the app meets in production, by what it does. */
export interface SoakCollector {
  name: string;
  fault: CollectorFault | undefined;
}

export const SOAK_COLLECTORS: readonly SoakCollector[] = [
  { name: "healthy", fault: undefined },
  { name: "accepts, never answers", fault: { kind: "hang" } },
  { name: "port refused", fault: { kind: "refuse" } },
  { name: "answers 500", fault: { kind: "status", status: 500 } },
  { name: "answers after 2 s", fault: { kind: "slow", delayMs: 2000 } },
  { name: "refused, back after 10 s", fault: { kind: "refuse", forMs: 10_000 } },
];

export interface SoakOptions {
  collector: SoakCollector;
  /** Requests in all (an upper bound: the run also ends after `minSeconds` once all are sent). */
  requests: number;
  concurrency: number;
  /** Requests keep coming for at least this long (a collector that comes back needs time). */
  minSeconds: number;
}

export interface SoakResult {
  collector: string;
  requests: number;
  /** Requests that got no answer (timed out) or failed to connect. */
  failedRequests: number;
  /** How long the requests took. */
  seconds: number;
  exitCode: number | null;
  signal: string | null;
  secondsToExit: number;
  spansExported: number;
  /** As the preload counted them, from its debug line at exit; undefined if it did not say. */
  spansDropped: number | undefined;
  peakRssMiB: number;
  /** Every `[logtrace] warning:` line, in order. */
  warnings: string[];
  /** Lines that look like a stack trace: there must be none. */
  stackLines: string[];
}

const pathOf = (index: number) =>
  EXPRESS_PINO_LOAD_PATHS[index % EXPRESS_PINO_LOAD_PATHS.length] as string;

/** Peak resident set size of a live process, from the kernel (VmHWM). */
function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(/^VmHWM:\s+(\d+) kB/mu.exec(status)?.[1] ?? Number.NaN);
  return Math.round((kib / 1024) * 10) / 10;
}

/**
 * The Express example under `--import @logtrace/bootstrap` (its ECS task environment, a fake
 * metadata endpoint) against one collector: requests for a while, then SIGTERM as ECS sends it.
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const tracing = await startTracingSetup(
    options.collector.fault ? { collectorFault: options.collector.fault } : {},
  );
  try {
    const example = await startExample({
      cwd: expressPinoDir,
      nodeArgs: tracing.nodeArgs,
      env: { ...tracing.env, LOGTRACE_LOG_LEVEL: "debug", OTEL_BSP_SCHEDULE_DELAY: "500" },
      // Hundreds of thousands of log lines would make this process the bottleneck at exit.
      discardStdoutOnceListening: true,
    });
    const started = performance.now();
    const until = started + options.minSeconds * 1000;
    let sent = 0;
    let failedRequests = 0;
    // A request that fails (a loaded machine, the app's own /crash) is counted, not fatal: the
    // soak is about what the preload does with the collector.
    const send = (index: number) =>
      sendTraced(example.url, pathOf(index)).catch(() => {
        failedRequests++;
      });
    while (sent < options.requests || performance.now() < until) {
      const batch = options.concurrency * 10;
      await runConcurrently(batch, options.concurrency, (index) => send(sent + index));
      sent += batch;
    }
    const peak = peakRssMiB(example.pid);
    const stopped = performance.now();
    const ended = await example.stop(15_000);
    const secondsToExit = Math.round((performance.now() - stopped) / 100) / 10;
    const stderr = example.output().split("\n");
    const summary = stderr
      .map((line) => /\[logtrace\] spans at exit: (\d+) delivered, (\d+) dropped/u.exec(line))
      .find(Boolean);
    return {
      collector: options.collector.name,
      requests: sent,
      failedRequests,
      seconds: Math.round((performance.now() - started) / 1000),
      exitCode: ended.code,
      signal: ended.signal,
      secondsToExit,
      spansExported: tracing.spans().length,
      spansDropped: summary ? Number(summary[2]) : undefined,
      peakRssMiB: peak,
      warnings: stderr.filter((line) => line.startsWith("[logtrace] warning:")),
      stackLines: stderr.filter((line) => /^\s+at .+:\d+:\d+\)?$/u.test(line)),
    };
  } finally {
    await tracing.close();
  }
}
