// Child processes of the registry test: each bounded by a timeout, all of them killed when the
// test stops (finally, or on SIGINT/SIGTERM), so no registry, app or npm is left running.
import { spawn } from "node:child_process";

const running = new Set();

/** Kills every child still running (SIGTERM, then SIGKILL for those that stay). */
export function killAll() {
  for (const child of running) child.kill("SIGTERM");
  const stubborn = [...running];
  if (stubborn.length === 0) return;
  setTimeout(() => {
    for (const child of stubborn) if (child.exitCode === null) child.kill("SIGKILL");
  }, 2_000).unref();
}

/** Starts a child and keeps it on the list killAll() kills. */
export function startChild(command, args, options) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
  running.add(child);
  child.once("close", () => running.delete(child));
  return child;
}

/**
 * Runs a command to its end, collecting stdout and stderr. Resolves (never rejects) with
 * `ok` false on a non-zero exit, a spawn error or the timeout, which kills it.
 */
export function run(command, args, { cwd, env, timeoutMs, input } = {}) {
  return new Promise((resolve) => {
    const child = startChild(command, args, { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdin.end(input ?? "");
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs ?? 120_000);
    const finish = (code, error) => {
      clearTimeout(timer);
      const what = [command, ...args].join(" ");
      const reason = timedOut
        ? `timed out after ${timeoutMs ?? 120_000} ms`
        : error
          ? error.message
          : `exit code ${code}`;
      resolve({
        ok: !timedOut && !error && code === 0,
        code,
        stdout,
        stderr,
        output: `$ ${what} (in ${cwd ?? process.cwd()})\n${stdout}${stderr}${code === 0 && !timedOut && !error ? "" : `\n(${reason})`}`,
      });
    };
    child.once("error", (error) => finish(null, error));
    child.once("close", (code) => finish(code));
  });
}

/** Runs `task` over `items`, at most `limit` at a time; results in item order. */
export async function mapLimited(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
