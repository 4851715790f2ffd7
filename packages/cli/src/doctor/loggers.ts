/** The loggers logtrace has an adapter for; every other name below is derived from these. */
export const LOGGERS = ["pino", "winston", "bunyan"] as const;
export type Logger = (typeof LOGGERS)[number];

/** The stock OpenTelemetry instrumentation that patches `logger` to add trace ids. */
export function instrumentationOf(logger: Logger): string {
  return `@opentelemetry/instrumentation-${logger}`;
}

/** logtrace's adapter for `logger`: trace ids through the logger's own options, no patching. */
export function adapterOf(logger: Logger): string {
  return `@logtrace/${logger}`;
}

export const OTEL_API = "@opentelemetry/api";
