import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

/** One parsed JSON log line (anything else on stdout is kept in `output()` only). */
export type LogRecord = Record<string, unknown>;

/** The message of a line: `msg` for pino and bunyan, `message` for winston. */
export function messageOf(record: LogRecord): string {
  const message = record.msg ?? record.message;
  return typeof message === "string" ? message : "";
}

export interface StartExampleOptions {
  /** The example's directory (its package root). */
  cwd: string;
  /** Entry file relative to `cwd`. Default `src/server.ts`. */
  entry?: string;
  /** Node flags before the entry, e.g. `["--import", "@logtrace/bootstrap"]`. */
  nodeArgs?: string[];
  /** Extra environment; OTEL_* and LOGTRACE_* of the calling shell are not passed on. */
  env?: Record<string, string>;
  /** How long to wait for the "listening" line. Default 20 s. */
  startTimeoutMs?: number;
  /**
   * Once listening, read stdout without keeping it (records() and output() then hold only what
   * came before, and stderr): for long runs whose log lines nobody checks.
   */
  discardStdoutOnceListening?: boolean;
}

export interface ExampleProcess {
  /** `http://127.0.0.1:<port>` of the running example. */
  readonly url: string;
  readonly pid: number;
  /** Every JSON line written to stdout so far. */
  records(): LogRecord[];
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** SIGTERM (the example shuts down gracefully), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Variables of the caller's shell that would change how the example is traced. */
const INHERITED_BUT_NOT_PASSED = /^(OTEL_|LOGTRACE_|ECS_CONTAINER_METADATA_URI)/;

function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!INHERITED_BUT_NOT_PASSED.test(name)) env[name] = value;
  }
  delete env.NODE_OPTIONS;
  return { ...env, PORT: "0", HOST: "127.0.0.1", ...extra };
}

/**
 * Starts an example as its users run it: a child Node process listening on loopback. Resolves
 * once the example logs a "listening" line with its `port`.
 */
export async function startExample(options: StartExampleOptions): Promise<ExampleProcess> {
  const args = [...(options.nodeArgs ?? []), options.entry ?? "src/server.ts"];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: cleanEnvironment(options.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const records: LogRecord[] = [];
  const text: string[] = [];
  let partial = "";
  let onRecord: ((record: LogRecord) => void) | undefined;
  let discarding = false;

  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    if (discarding) return;
    text.push(chunk);
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      try {
        const record = JSON.parse(line) as LogRecord;
        records.push(record);
        onRecord?.(record);
      } catch {
        // Not a JSON line; still in output().
      }
    }
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => text.push(chunk));
  // "close", not "exit": only then has all of stdout been read.
  const exited = once(child, "close") as Promise<[number | null, NodeJS.Signals | null]>;

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`example did not start in time:\n${text.join("")}`)),
      options.startTimeoutMs ?? 20_000,
    );
    onRecord = (record) => {
      if (messageOf(record) === "listening" && typeof record.port === "number") {
        clearTimeout(timer);
        resolve(record.port);
      }
    };
    exited.then(([code, signal]) => {
      clearTimeout(timer);
      reject(new Error(`example exited (${code ?? signal}) before listening:\n${text.join("")}`));
    });
  }).catch(async (error: unknown) => {
    await stopChild(child, exited, 2_000);
    throw error;
  });
  onRecord = undefined;
  discarding = options.discardStdoutOnceListening === true;

  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    records: () => records.slice(),
    output: () => text.join(""),
    stop: async (graceMs = 5_000) => {
      const [code, signal] = await stopChild(child, exited, graceMs);
      return { code, signal };
    },
  };
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<[number | null, NodeJS.Signals | null]>,
  graceMs: number,
): Promise<[number | null, NodeJS.Signals | null]> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  }
  return [child.exitCode, child.signalCode];
}
