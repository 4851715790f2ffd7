import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import type { OtlpTarget } from "./export/otlp-target.js";

/**
 * Posts one serialised request during the `exit` event, where nothing asynchronous runs any
 * more: a worker thread posts it while this thread waits, at most `boundMs`.
 */
export interface ExitExportResult {
  /** The collector took the spans. */
  sent: boolean;
  line: string;
}

export function exportOnExit(
  serialised: Uint8Array | undefined,
  target: OtlpTarget,
  boundMs: number,
): ExitExportResult {
  if (!serialised) return { sent: false, line: "could not serialise the last spans" };
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
  const reply = receiveMessageOnPort(port1)?.message as ExitExportResult | undefined;
  void worker.terminate();
  return reply ?? { sent: false, line: `last spans not sent within ${boundMs} ms` };
}
