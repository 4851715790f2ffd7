import type { SpanProcessor } from "@opentelemetry/sdk-trace";
import type { Report } from "../preload/report.js";
import { type Env, envList, envNumber, envText } from "./env.js";
import { load } from "./load.js";

type SdkTrace = typeof import("@opentelemetry/sdk-trace");
type ExporterModule = {
  OTLPTraceExporter: new () => import("@opentelemetry/sdk-trace").SpanExporter;
};

/** The OTLP trace exporter package for each OTEL_EXPORTER_OTLP(_TRACES)_PROTOCOL. */
const OTLP_EXPORTERS: Record<string, string> = {
  "http/protobuf": "@opentelemetry/exporter-trace-otlp-proto",
  "http/json": "@opentelemetry/exporter-trace-otlp-http",
  grpc: "@opentelemetry/exporter-trace-otlp-grpc",
};

/**
 * OTEL_TRACES_EXPORTER (otlp by default, console, none) with the protocol of
 * OTEL_EXPORTER_OTLP_TRACES_PROTOCOL / OTEL_EXPORTER_OTLP_PROTOCOL (http/protobuf by default).
 * Only the chosen exporter package is loaded; it reads its own endpoint, headers, timeout and
 * compression variables. OTLP exporters are batched (OTEL_BSP_* honoured), console is not.
 */
export function createSpanProcessors(env: Env, report: Report): SpanProcessor[] {
  const names = [...new Set(envList(env, "OTEL_TRACES_EXPORTER") ?? ["otlp"])];
  if (names.includes("none")) return [];
  const sdk = load("@opentelemetry/sdk-trace") as SdkTrace;
  const processors: SpanProcessor[] = [];
  for (const name of names) {
    if (name === "console") {
      processors.push(new sdk.SimpleSpanProcessor({ exporter: new sdk.ConsoleSpanExporter() }));
    } else if (name === "otlp") {
      const wanted =
        envText(env, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") ??
        envText(env, "OTEL_EXPORTER_OTLP_PROTOCOL") ??
        "http/protobuf";
      let protocol = wanted;
      if (!(wanted in OTLP_EXPORTERS)) {
        report({
          level: "warn",
          message: `OTLP protocol "${wanted}" unknown; using http/protobuf`,
        });
        protocol = "http/protobuf";
      }
      const { OTLPTraceExporter } = load(OTLP_EXPORTERS[protocol] as string) as ExporterModule;
      processors.push(
        new sdk.BatchSpanProcessor({
          exporter: new OTLPTraceExporter(),
          maxQueueSize: envNumber(env, "OTEL_BSP_MAX_QUEUE_SIZE"),
          scheduledDelayMillis: envNumber(env, "OTEL_BSP_SCHEDULE_DELAY"),
          exportTimeoutMillis: envNumber(env, "OTEL_BSP_EXPORT_TIMEOUT"),
          maxExportBatchSize: envNumber(env, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE"),
        }),
      );
    } else {
      report({
        level: "warn",
        message: `OTEL_TRACES_EXPORTER "${name}" is not supported here (otlp, console, none); ignored`,
      });
    }
  }
  return processors;
}
