import { withTraceContext } from "@logtrace/winston";
import winston from "winston";

/**
 * JSON lines on stdout, each with `trace_id`, `span_id` and `trace_flags` of the span active at
 * the log call. `withTraceContext` captures the span in the call itself, so the fields stay right
 * even when a transport is slow and winston formats the line later, in another request's context.
 */
export const logger = winston.createLogger(
  withTraceContext({
    level: process.env.LOG_LEVEL ?? "info",
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: [new winston.transports.Console()],
  }),
);
