import { join } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Resolution } from "@logtrace/aws-resource";

/** Time for the worker to hand back a result it already has. */
const HANDOFF_MS = 20;

/**
 * The resolution, synchronously, for `--require` with LOGTRACE_AGENT or OTEL_SDK_DISABLED: a
 * CommonJS preload cannot await, yet the agent required next, or the app's own SDK, reads the
 * environment while it loads. A worker thread does
 * the HTTP requests; this thread waits on a shared flag for at most the metadata timeout (the
 * worker's requests share the same deadline) plus a short hand-off, so the app is delayed by no
 * more than with `--import`.
 */
export function resolveSync(env: NodeJS.ProcessEnv, timeoutMs: number): Resolution | string {
  const started = performance.now();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker | undefined;
  try {
    worker = new Worker(join(__dirname, "resolve-worker.cjs"), {
      workerData: { env: { ...env }, deadline: Date.now() + timeoutMs, port: port2, signal },
      transferList: [port2],
      // Never let the preload (inherited flags) run again inside this helper thread.
      execArgv: [],
      env: {},
      stdout: true,
      stderr: true,
    });
    worker.unref();
    // The worker's requests end by the deadline set here, its start-up included.
    Atomics.wait(signal, 0, 0, timeoutMs + HANDOFF_MS);
    const message = receiveMessageOnPort(port1);
    if (message) return message.message as Resolution;
    return `metadata (ECS or EC2) not resolved within ${Math.round(performance.now() - started)} ms`;
  } catch (error) {
    return `could not start the resolver thread: ${(error as Error).message}`;
  } finally {
    port1.close();
    void worker?.terminate();
  }
}
