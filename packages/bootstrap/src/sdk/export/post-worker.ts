/**
 * POSTs one serialised OTLP request for the `exit` handler, which waits on `signal`: nothing
 * asynchronous can run on the exiting thread itself. Replies whether the collector took it, and
 * one line.
 */
import { type MessagePort, workerData } from "node:worker_threads";

const { url, headers, body, deadline, port, signal } = workerData as {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  deadline: number;
  port: MessagePort;
  signal: Int32Array;
};

function reply(sent: boolean, line: string) {
  port.postMessage({ sent, line });
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

fetch(url, {
  method: "POST",
  headers,
  body,
  signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
}).then(
  (response) =>
    reply(
      response.ok,
      `last spans ${response.ok ? "" : "not "}sent at exit: HTTP ${response.status}`,
    ),
  (error: Error) => reply(false, `last spans not sent at exit: ${error.message}`),
);
