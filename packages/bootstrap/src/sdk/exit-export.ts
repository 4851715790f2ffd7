import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import type { OtlpTarget } from "./export/otlp-target.js";

/**
 * Posts one serialised request during the `exit` event, where nothing asynchronous runs any
 * more: a worker thread posts it while this thread waits, at most `boundMs`. Returns a line.
 */
export function exportOnExit(
  serialised: Uint8Array | undefined,
  target: OtlpTarget,
  boundMs: number,
): string {
  if (!serialised) return "could not serialise the last spans";
  const headers = { ...target.headers };
  let body = serialised;
  if (target.gzip) {
    body = gzipSync(serialised);
    headers["content-encoding"] = "gzip";
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL("./post-worker.cjs", import.meta.url), {
    workerData: {
      url: target.url,
      headers,
      body,
      deadline: Date.now() + boundMs,
      port: port2,
      signal,
    },
    transferList: [port2],
    execArgv: [],
    env: {},
  });
  Atomics.wait(signal, 0, 0, boundMs + 20);
  const reply = receiveMessageOnPort(port1)?.message as string | undefined;
  void worker.terminate();
  return reply ?? `last spans not sent within ${boundMs} ms`;
}
