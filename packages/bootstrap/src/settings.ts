import { readResolverSettings } from "@logtrace/aws-resource";
import { type Env, envText } from "./sdk/env.js";

export type LogLevel = "silent" | "info" | "debug";

/**
 * LOGTRACE_SPANS. lean: what Application Signals and a trace view use (server spans named by
 * route, client, producer and consumer spans, errors); full: every span each instrumentation
 * makes with its own defaults.
 */
export type SpanSet = "lean" | "full";

/** Every LOGTRACE_* variable the preload reads; the resolver's own are read by the resolver. */
export interface BootstrapSettings {
  /** LOGTRACE_DISABLED=true: do nothing at all. */
  disabled: boolean;
  /** LOGTRACE_LOG_LEVEL: silent | info (default; warnings and one summary line) | debug. */
  logLevel: LogLevel;
  /** LOGTRACE_METADATA_TIMEOUT_MS, as the resolver reads it. */
  metadataTimeoutMs: number;
  /** LOGTRACE_INSTRUMENTATIONS: "installed" (default) or "all". */
  instrumentations: "installed" | "all";
  /** LOGTRACE_SPANS: "lean" (default) or "full". */
  spans: SpanSet;
  /** LOGTRACE_LOGGER_INSTRUMENTATIONS=true: also enable the pino/winston/bunyan instrumentations. */
  loggerInstrumentations: boolean;
  /**
   * LOGTRACE_SHUTDOWN_TIMEOUT_MS: bound for the last flush at exit (default 2000); never longer
   * than the export timeout the user set (OTEL_EXPORTER_OTLP_(TRACES_)TIMEOUT).
   */
  shutdownTimeoutMs: number;
  /** LOGTRACE_AGENT: a module to load instead of starting our SDK. */
  agent: string | undefined;
  /** Problems with these settings (not the resolver's, which it reports), one line each. */
  problems: string[];
}

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 2000;

const TRUE = new Set(["true", "1", "yes", "on"]);
const isTrue = (env: Env, name: string) => TRUE.has(envText(env, name)?.toLowerCase() ?? "");

export function readSettings(env: Env): BootstrapSettings {
  const problems: string[] = [];

  const level = envText(env, "LOGTRACE_LOG_LEVEL")?.toLowerCase();
  let logLevel: LogLevel = "info";
  if (level === "silent" || level === "info" || level === "debug") logLevel = level;
  else if (level !== undefined) {
    problems.push(`LOGTRACE_LOG_LEVEL="${level}" is not silent|info|debug; using info`);
  }

  const instrumentationsText = envText(env, "LOGTRACE_INSTRUMENTATIONS")?.toLowerCase();
  let instrumentations: "installed" | "all" = "installed";
  if (instrumentationsText === "all" || instrumentationsText === "installed") {
    instrumentations = instrumentationsText;
  } else if (instrumentationsText !== undefined) {
    problems.push(
      `LOGTRACE_INSTRUMENTATIONS="${instrumentationsText}" is not installed|all; using installed`,
    );
  }

  const spansText = envText(env, "LOGTRACE_SPANS")?.toLowerCase();
  let spans: SpanSet = "lean";
  if (spansText === "lean" || spansText === "full") spans = spansText;
  else if (spansText !== undefined) {
    problems.push(`LOGTRACE_SPANS="${spansText}" is not lean|full; using lean`);
  }

  const shutdownText = envText(env, "LOGTRACE_SHUTDOWN_TIMEOUT_MS");
  let shutdownTimeoutMs = DEFAULT_SHUTDOWN_TIMEOUT_MS;
  if (shutdownText !== undefined) {
    const parsed = Number(shutdownText);
    if (Number.isFinite(parsed) && parsed >= 0) shutdownTimeoutMs = Math.floor(parsed);
    else
      problems.push(
        `LOGTRACE_SHUTDOWN_TIMEOUT_MS="${shutdownText}" is not a number of ms; using ${DEFAULT_SHUTDOWN_TIMEOUT_MS}`,
      );
  }
  for (const name of ["OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT"]) {
    const exportTimeout = Number(envText(env, name));
    if (exportTimeout > 0) {
      shutdownTimeoutMs = Math.min(shutdownTimeoutMs, exportTimeout);
      break;
    }
  }

  return {
    disabled: isTrue(env, "LOGTRACE_DISABLED"),
    logLevel,
    metadataTimeoutMs: readResolverSettings(env).metadataTimeoutMs,
    instrumentations,
    spans,
    loggerInstrumentations: isTrue(env, "LOGTRACE_LOGGER_INSTRUMENTATIONS"),
    shutdownTimeoutMs,
    agent: envText(env, "LOGTRACE_AGENT"),
    problems,
  };
}
