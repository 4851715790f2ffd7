import { isMainThread } from "node:worker_threads";

/**
 * The ESM and CJS builds of the preload are different module instances (both run when a user
 * passes `--require` and `--import`, or NODE_OPTIONS and a flag): a global symbol makes the
 * second one a no-op. Worker threads (pino transports, for instance) also run `--import`
 * preloads; they never fetch and never start an SDK of their own.
 */
const STARTED = Symbol.for("logtrace.bootstrap.started");

export function claimProcess(): boolean {
  if (!isMainThread) return false;
  const global = globalThis as { [STARTED]?: boolean };
  if (global[STARTED]) return false;
  global[STARTED] = true;
  return true;
}

/**
 * Set in the environment once the resolution is applied, so that forked and cluster processes
 * (which inherit the environment, OTEL_RESOURCE_ATTRIBUTES included) do not fetch again.
 */
export const RESOLVED_MARKER = "LOGTRACE_BOOTSTRAP_RESOLVED";
