import { withTraceContext } from "@logtrace/pino";
import pino from "pino";

/**
 * One JSON line per log call on stdout, as FireLens / awslogs pick it up. `withTraceContext` adds
 * `trace_id`, `span_id` and `trace_flags` of the active span, which is what CloudWatch
 * Application Signals searches for when it shows a trace's logs.
 */
export const logger = pino(
  withTraceContext({
    level: process.env.LOG_LEVEL ?? "info",
    // Level names and ISO times read better in CloudWatch than numbers.
    formatters: { level: (label: string) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Session cookies and tokens must never reach a log group.
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
      censor: "[Redacted]",
    },
  }),
);
