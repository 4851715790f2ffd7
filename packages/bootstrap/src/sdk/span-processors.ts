import type { SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace";
import type { Report } from "../preload/report.js";
import { type Env, envList, envNumber, envText } from "./env.js";
import { exportOnExit } from "./exit-export.js";
import { load } from "./load.js";
import { DEFAULT_PROTOCOL, OTLP_EXPORTERS, otlpProtocol } from "./optional-peers.js";
import { trackingExporter, trackingProcessor, UnexportedSpans } from "./unexported-spans.js";

type SdkTrace = typeof import("@opentelemetry/sdk-trace");
type ExporterModule = { OTLPTraceExporter: new () => SpanExporter };

/**
 * The exporter package (with the OTLP serialiser and its metrics/logs halves, ~4 MiB) is loaded
 * when the first batch is exported, not during start-up: the batch processor calls `export` only
 * after its schedule delay, off the app's start-up path. An app that never ends a sampled span
 * never loads it.
 */
function lazyExporter(create: () => SpanExporter): SpanExporter {
  let exporter: SpanExporter | undefined;
  return {
    export(spans, done) {
      exporter ??= create();
      exporter.export(spans, done);
    },
    shutdown: () => exporter?.shutdown() ?? Promise.resolve(),
    forceFlush: () => exporter?.forceFlush?.() ?? Promise.resolve(),
  };
}

export interface SpanPipeline {
  processors: SpanProcessor[];
  /** For the `exit` event: sends what the batch processors still hold; a line, or undefined. */
  exportOnExit(): string | undefined;
}

/**
 * OTEL_TRACES_EXPORTER (otlp by default, console, none) with the protocol of
 * OTEL_EXPORTER_OTLP_TRACES_PROTOCOL / OTEL_EXPORTER_OTLP_PROTOCOL (http/protobuf by default).
 * Only the chosen exporter package is loaded, from `resolved` (package name → path, see
 * `resolveOptionalPeers`) when there; it reads its own endpoint, headers, timeout and
 * compression variables. OTLP exporters are batched (OTEL_BSP_* honoured), console is not.
 */
export function createSpanProcessors(
  env: Env,
  report: Report,
  resolved: ReadonlyMap<string, string> = new Map(),
): SpanPipeline {
  const names = [...new Set(envList(env, "OTEL_TRACES_EXPORTER") ?? ["otlp"])];
  const pending: Array<{ unexported: UnexportedSpans; protocol: string; exporterPath: string }> =
    [];
  const pipeline: SpanPipeline = {
    processors: [],
    exportOnExit() {
      const lines = pending.flatMap(({ unexported, protocol, exporterPath }) => {
        const spans = unexported.drain();
        return spans.length === 0 ? [] : [exportOnExit(spans, env, protocol, exporterPath)];
      });
      return lines.length === 0 ? undefined : lines.join("; ");
    },
  };
  if (names.includes("none")) return pipeline;
  const processors = pipeline.processors;
  const sdk = load("@opentelemetry/sdk-trace") as SdkTrace;
  for (const name of names) {
    if (name === "console") {
      processors.push(new sdk.SimpleSpanProcessor({ exporter: new sdk.ConsoleSpanExporter() }));
    } else if (name === "otlp") {
      const wanted =
        envText(env, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") ??
        envText(env, "OTEL_EXPORTER_OTLP_PROTOCOL");
      const protocol = otlpProtocol(env);
      if (wanted !== undefined && wanted !== protocol) {
        report({
          level: "warn",
          message: `OTLP protocol "${wanted}" unknown; using ${DEFAULT_PROTOCOL}`,
        });
      }
      const chosen = OTLP_EXPORTERS[protocol] as string;
      const exporterPath = resolved.get(chosen) ?? load.resolve(chosen);
      let exporter = lazyExporter(
        () => new (load(exporterPath) as ExporterModule).OTLPTraceExporter(),
      );
      const maxQueueSize = envNumber(env, "OTEL_BSP_MAX_QUEUE_SIZE");
      // HTTP protocols only: the exit path posts the serialised request itself.
      const unexported =
        protocol === "grpc" ? undefined : new UnexportedSpans(maxQueueSize ?? 2048);
      if (unexported) exporter = trackingExporter(exporter, unexported);
      const batch = new sdk.BatchSpanProcessor({
        exporter,
        maxQueueSize,
        scheduledDelayMillis: envNumber(env, "OTEL_BSP_SCHEDULE_DELAY"),
        exportTimeoutMillis: envNumber(env, "OTEL_BSP_EXPORT_TIMEOUT"),
        maxExportBatchSize: envNumber(env, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE"),
      });
      if (unexported) pending.push({ unexported, protocol, exporterPath });
      processors.push(unexported ? trackingProcessor(batch, unexported) : batch);
    } else {
      report({
        level: "warn",
        message: `OTEL_TRACES_EXPORTER "${name}" is not supported here (otlp, console, none); ignored`,
      });
    }
  }
  return pipeline;
}
