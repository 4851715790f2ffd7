/**
 * Runs the (asynchronous) resolution for the CommonJS preload, which must finish before the
 * app's first line: the main thread blocks on `Atomics.wait` until this worker posts the result.
 */
import { type MessagePort, workerData } from "node:worker_threads";
import { resolveAwsResourceAttributes } from "@logtrace/aws-resource";

const { env, deadline, port, signal } = workerData as {
  env: Record<string, string | undefined>;
  deadline: number;
  port: MessagePort;
  signal: Int32Array;
};

resolveAwsResourceAttributes({ env, timeoutMs: Math.max(0, deadline - Date.now()) }).then(
  (resolution) => {
    port.postMessage(resolution);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  },
);
