import { createRequire } from "node:module";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { type Env, envText } from "./env.js";

/** How long an explicit `process.exit()` may be held up to send the last spans. */
export const EXIT_EXPORT_MS = 1000;

/** Where and how the OTLP/HTTP exporter sends traces, from the same variables it reads. */
export function otlpHttpTarget(env: Env, protocol: string) {
  const traces = envText(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
  const base = envText(env, "OTEL_EXPORTER_OTLP_ENDPOINT") ?? "http://localhost:4318";
  const url = traces ?? `${base.replace(/\/+$/u, "")}/v1/traces`;
  const headers: Record<string, string> = {
    "content-type": protocol === "http/json" ? "application/json" : "application/x-protobuf",
  };
  for (const name of ["OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS"]) {
    for (const pair of envText(env, name)?.split(",") ?? []) {
      const at = pair.indexOf("=");
      if (at <= 0) continue;
      try {
        headers[decodeURIComponent(pair.slice(0, at).trim()).toLowerCase()] = decodeURIComponent(
          pair.slice(at + 1).trim(),
        );
      } catch {
        // A header the exporter itself would also reject.
      }
    }
  }
  return { url, headers };
}

/**
 * Sends spans during the `exit` event, where nothing asynchronous runs any more: serialised
 * here, posted by a worker thread while this thread waits (bounded). Returns a line for the log.
 * The serialiser is the exporter's own dependency, loaded from the exporter (`exporterPath`).
 */
export function exportOnExit(
  spans: ReadableSpan[],
  env: Env,
  protocol: string,
  exporterPath: string,
): string {
  const { JsonTraceSerializer, ProtobufTraceSerializer } = createRequire(exporterPath)(
    "@opentelemetry/otlp-transformer",
  );
  const serializer = protocol === "http/json" ? JsonTraceSerializer : ProtobufTraceSerializer;
  const body = serializer.serializeRequest(spans) as Uint8Array | undefined;
  if (!body) return "could not serialise the last spans";
  const { url, headers } = otlpHttpTarget(env, protocol);
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL("./post-worker.cjs", import.meta.url), {
    workerData: { url, headers, body, deadline: Date.now() + EXIT_EXPORT_MS, port: port2, signal },
    transferList: [port2],
    execArgv: [],
    env: {},
  });
  Atomics.wait(signal, 0, 0, EXIT_EXPORT_MS + 20);
  const reply = receiveMessageOnPort(port1)?.message as string | undefined;
  void worker.terminate();
  return reply ?? `the last ${spans.length} span(s) not sent within ${EXIT_EXPORT_MS} ms`;
}
