import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type EcsFixtureName,
  type FakeEcsMetadata,
  type OtlpReceiver,
  startFakeEcsMetadata,
  startOtlpReceiver,
} from "@logtrace/testkit";
import { afterAll, afterEach, beforeEach } from "vitest";

export const E2E_DIR = dirname(fileURLToPath(import.meta.url));
export const APPS_DIR = join(E2E_DIR, "apps");
const NODE = process.execPath;
const BOOTSTRAP_DIR = dirname(E2E_DIR);

export type PreloadFlag = "--import" | "--require";

export interface RunningApp {
  child: ChildProcess;
  /** What the app's `{"ready":…}` line said. */
  ready: { port: number; preloadMs?: number; [key: string]: unknown };
  /** stdout lines parsed as JSON (the app's log lines), and stderr lines, so far. */
  logLines(): Array<Record<string, unknown>>;
  stderrLines(): string[];
  /** Resolves with the first stderr line matching `pattern` (polled, bounded by `timeoutMs`). */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<string>;
  get(path: string): Promise<Record<string, unknown>>;
  /** Sends a signal and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Environment for every child: no inherited OTel/ECS/logtrace settings from the test runner. */
export function cleanEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(OTEL_|LOGTRACE_|ECS_|NODE_OPTIONS)/u.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * Starts `node <preload args> apps/<app>` and waits (bounded) for its ready line. `preload` is
 * the list of node arguments placed before the app, e.g. ["--import", "@logtrace/bootstrap"].
 * An absolute `app` runs from its own directory.
 */
export async function startApp(options: {
  app: string;
  preload: string[];
  env: Record<string, string | undefined>;
  readyTimeoutMs?: number;
}): Promise<RunningApp> {
  const app = resolve(APPS_DIR, options.app);
  const child = spawn(NODE, [...options.preload, app], {
    cwd: dirname(app),
    env: cleanEnv(options.env),
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let ready: RunningApp["ready"] | undefined;
  const readyWaiters: Array<() => void> = [];
  const collect = (into: string[], onLine?: (line: string) => void) => {
    let partial = "";
    return (chunk: Buffer) => {
      partial += chunk.toString("utf8");
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        into.push(line);
        onLine?.(line);
      }
    };
  };
  child.stdout?.on(
    "data",
    collect(stdout, (line) => {
      if (ready || !line.startsWith('{"ready"')) return;
      ready = JSON.parse(line).ready;
      for (const wake of readyWaiters) wake();
    }),
  );
  child.stderr?.on("data", collect(stderr));
  const exited = once(child, "exit");

  const timeoutMs = options.readyTimeoutMs ?? 20_000;
  await Promise.race([
    new Promise<void>((resolve) => (ready ? resolve() : readyWaiters.push(resolve))),
    exited.then(([code, signal]) => {
      throw new Error(`app exited (${code ?? signal}) before ready:\n${stderr.join("\n")}`);
    }),
    new Promise((_, reject) =>
      setTimeout(
        () => reject(new Error(`app not ready within ${timeoutMs} ms:\n${stderr.join("\n")}`)),
        timeoutMs,
      ).unref(),
    ),
  ]).catch((error) => {
    child.kill("SIGKILL");
    throw error;
  });
  const readyInfo = ready as unknown as RunningApp["ready"];

  return {
    child,
    ready: readyInfo,
    logLines: () =>
      stdout
        .filter((line) => line.startsWith("{") && !line.startsWith('{"ready"'))
        .map((line) => JSON.parse(line)),
    stderrLines: () => [...stderr],
    async waitForStderr(pattern, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const line = stderr.find((entry) => pattern.test(entry));
        if (line !== undefined) return line;
        if (Date.now() > until) {
          throw new Error(
            `no stderr line matching ${pattern} within ${timeoutMs} ms:\n${stderr.join("\n")}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async get(path) {
      const response = await fetch(`http://127.0.0.1:${readyInfo.port}${path}`, {
        signal: AbortSignal.timeout(10_000),
      });
      return (await response.json()) as Record<string, unknown>;
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) {
        return { code: child.exitCode, signal: child.signalCode };
      }
      const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.kill(signal);
      const [code, endSignal] = await exited;
      clearTimeout(kill);
      return { code, signal: endSignal };
    },
  };
}

/**
 * The app starts before the ECS metadata answered (unless LOGTRACE_AGENT is set): the resolution
 * has landed (environment updated) once its one summary or warning line is on stderr.
 */
export const resolutionLanded = (app: RunningApp) =>
  app.waitForStderr(
    /^\[logtrace\] (warning: )?(aws\.log\.group|no log group|ECS|EC2|LOGTRACE_LOG_GROUP_NAMES|not on ECS)/u,
  );

/** `[logtrace]` lines on stderr. */
export const logtraceLines = (app: RunningApp) =>
  app.stderrLines().filter((line) => line.startsWith("[logtrace]"));

/**
 * A fake ECS metadata endpoint (this fixture) and an OTLP receiver started before each test, and
 * the test's app (assign `bed.app`) killed and both servers closed after it.
 */
export function ecsTestbed(fixture: EcsFixtureName) {
  const bed = {
    metadata: undefined as unknown as FakeEcsMetadata,
    otlp: undefined as unknown as OtlpReceiver,
    app: undefined as RunningApp | undefined,
  };
  beforeEach(async () => {
    bed.metadata = await startFakeEcsMetadata({ fixture });
    bed.otlp = await startOtlpReceiver();
  });
  afterEach(async () => {
    await bed.app?.stop("SIGKILL");
    bed.app = undefined;
    await Promise.all([bed.metadata.close(), bed.otlp.close()]);
  });
  return bed;
}

/**
 * Makes apps outside the repo (whose node_modules would offer everything), removed after the
 * file's tests: each app's package.json declares `dependencies`, its node_modules links to them
 * (and to the bootstrap and the API) as pnpm does, and it runs apps/routes/<entry>.
 */
export function appTrees() {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return async (entry: string, dependencies: string[]): Promise<string> => {
    const dir = mkdtempSync(join(tmpdir(), "logtrace-routes-"));
    made.push(dir);
    await writeFile(
      join(dir, "package.json"),
      JSON.stringify({
        name: "app",
        private: true,
        dependencies: Object.fromEntries(dependencies.map((name) => [name, "*"])),
      }),
    );
    for (const name of [...dependencies, "@opentelemetry/api"]) {
      const target = realpathSync(join(BOOTSTRAP_DIR, "node_modules", name));
      mkdirSync(dirname(join(dir, "node_modules", name)), { recursive: true });
      symlinkSync(target, join(dir, "node_modules", name), "dir");
    }
    mkdirSync(join(dir, "node_modules/@logtrace"), { recursive: true });
    symlinkSync(BOOTSTRAP_DIR, join(dir, "node_modules/@logtrace/bootstrap"), "dir");
    copyFileSync(join(APPS_DIR, "routes", entry), join(dir, entry));
    return join(dir, entry);
  };
}
