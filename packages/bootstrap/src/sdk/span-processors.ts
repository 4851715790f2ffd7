import type { ReadableSpan, SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace";
import type { Report } from "../report.js";
import { type Env, envList, envNumber, envText } from "./env.js";
import { type ExitExportResult, exportOnExit } from "./exit-export.js";
import { SpanBatcher } from "./export/batcher.js";
import { ExportHealth } from "./export/export-health.js";
import { createOtlpHttpSender } from "./export/otlp-http-exporter.js";
import { otlpTarget } from "./export/otlp-target.js";
import { createPoster } from "./export/post.js";
import { traceSerializer } from "./export/trace-serializer.js";
import type { ExitFlush } from "./flush-on-exit.js";
import { load } from "./load.js";
import {
  GRPC_EXPORTER,
  type OtlpProtocol,
  otlpProtocol,
  wantedOtlpProtocol,
} from "./optional-peers.js";

type SdkTrace = typeof import("@opentelemetry/sdk-trace");

export interface SpanPipeline {
  processors: SpanProcessor[];
  exit: ExitFlush;
}

/** One batched OTLP export: its batcher, and what the exit path needs to send what it holds. */
interface OtlpExport {
  batcher: SpanBatcher;
  health: ExportHealth;
  /** Serialises and posts synchronously (HTTP protocols only). */
  sendNow?: (spans: ReadableSpan[], boundMs: number) => ExitExportResult;
}

/**
 * OTEL_TRACES_EXPORTER (otlp by default, console, none) with the protocol of
 * OTEL_EXPORTER_OTLP_TRACES_PROTOCOL / OTEL_EXPORTER_OTLP_PROTOCOL (http/protobuf by default).
 * OTLP over HTTP is posted by our own sender, which never keeps the process alive; gRPC uses the
 * OpenTelemetry exporter (an optional peer, resolved at start-up into `peers`). OTLP is batched
 * (OTEL_BSP_* honoured), console is not.
 */
export function createSpanProcessors(
  env: Env,
  report: Report,
  peers: ReadonlyMap<string, string> = new Map(),
): SpanPipeline {
  const names = [...new Set(envList(env, "OTEL_TRACES_EXPORTER") ?? ["otlp"])];
  const exports: OtlpExport[] = [];
  const processors: SpanProcessor[] = [];
  const pipeline: SpanPipeline = { processors, exit: exitFlush(exports) };
  if (names.includes("none")) return pipeline;
  for (const name of names) {
    if (name === "console") {
      const sdk = load("@opentelemetry/sdk-trace") as SdkTrace;
      processors.push(new sdk.SimpleSpanProcessor({ exporter: new sdk.ConsoleSpanExporter() }));
    } else if (name === "otlp") {
      const wanted = wantedOtlpProtocol(env);
      const protocol = otlpProtocol(env);
      if (wanted !== undefined && wanted !== protocol) {
        report({ level: "warn", message: `OTLP protocol "${wanted}" unknown; using ${protocol}` });
      }
      const otlp = createOtlpExport(env, protocol, report, peers);
      exports.push(otlp);
      processors.push(otlp.batcher);
    } else {
      report({
        level: "warn",
        message: `OTEL_TRACES_EXPORTER "${name}" is not supported here (otlp, console, none); ignored`,
      });
    }
  }
  return pipeline;
}

function createOtlpExport(
  env: Env,
  protocol: OtlpProtocol,
  report: Report,
  peers: ReadonlyMap<string, string>,
): OtlpExport {
  const batch = {
    maxQueueSize: envNumber(env, "OTEL_BSP_MAX_QUEUE_SIZE") ?? 2048,
    maxExportBatchSize: envNumber(env, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE") ?? 512,
    scheduledDelayMs: envNumber(env, "OTEL_BSP_SCHEDULE_DELAY") ?? 5000,
  };
  batch.maxExportBatchSize = Math.min(batch.maxExportBatchSize, batch.maxQueueSize);
  if (protocol === "grpc") {
    const url =
      envText(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") ??
      envText(env, "OTEL_EXPORTER_OTLP_ENDPOINT") ??
      "http://localhost:4317";
    const health = new ExportHealth(url, report);
    // The exporter package is loaded when the first batch is exported, not at start-up.
    let exporter: SpanExporter | undefined;
    const send = (spans: ReadableSpan[]) =>
      new Promise<boolean>((done) => {
        const failed = (error: string) => {
          health.dropped(spans.length, { kind: "export-failed", error });
          done(false);
        };
        try {
          exporter ??= new (
            load(peers.get(GRPC_EXPORTER) ?? GRPC_EXPORTER) as {
              OTLPTraceExporter: new () => SpanExporter;
            }
          ).OTLPTraceExporter();
        } catch (error) {
          failed(`the gRPC exporter could not start: ${(error as Error).message}`);
          return;
        }
        exporter.export(spans, (result) => {
          if (result.code !== 0) return failed(result.error?.message ?? "export failed");
          health.delivered(spans.length);
          done(true);
        });
      });
    return { batcher: new SpanBatcher({ ...batch, send, health }), health };
  }
  const target = otlpTarget(env, protocol);
  for (const message of target.problems) report({ level: "warn", message });
  const bspTimeout = envNumber(env, "OTEL_BSP_EXPORT_TIMEOUT");
  if (bspTimeout !== undefined && bspTimeout > 0) {
    target.timeoutMs = Math.min(target.timeoutMs, bspTimeout);
  }
  const health = new ExportHealth(target.url, report);
  const serializer = traceSerializer(protocol, report);
  const send = createOtlpHttpSender(target, () => serializer, createPoster(target), health);
  return {
    batcher: new SpanBatcher({ ...batch, send, health }),
    health,
    sendNow: (spans, boundMs) => exportOnExit(serializer.serializeRequest(spans), target, boundMs),
  };
}

function exitFlush(exports: OtlpExport[]): ExitFlush {
  return {
    flush: () => Promise.all(exports.map(({ batcher }) => batcher.forceFlush())).then(() => {}),
    sendNow(boundMs) {
      const lines = exports.flatMap(({ batcher, health, sendNow }) => {
        if (!sendNow) return [];
        const spans = batcher.takeUndelivered();
        if (spans.length === 0) return [];
        const { sent, line } = sendNow(spans, boundMs);
        if (sent) health.delivered(spans.length);
        else health.dropped(spans.length, { kind: "export-failed", error: line });
        return [line];
      });
      return lines.length === 0 ? undefined : lines.join("; ");
    },
    giveUp(boundMs) {
      for (const { batcher, health } of exports) {
        const held = batcher.takeUndelivered().length;
        const error = `not delivered within ${boundMs} ms of exit (LOGTRACE_SHUTDOWN_TIMEOUT_MS)`;
        health.dropped(held, { kind: "export-failed", error });
      }
    },
    summary() {
      if (exports.length === 0) return undefined;
      const delivered = exports.reduce((sum, { health }) => sum + health.deliveredCount, 0);
      const dropped = exports.reduce((sum, { health }) => sum + health.droppedCount, 0);
      return `spans at exit: ${delivered} delivered, ${dropped} dropped`;
    },
  };
}
