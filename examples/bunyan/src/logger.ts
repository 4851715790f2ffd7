import { withTraceContext } from "@logtrace/bunyan";
import bunyan from "bunyan";

/**
 * One JSON line per record on stdout, each with `trace_id`, `span_id` and `trace_flags` of the
 * span active at the log call, in this logger and every child of it.
 */
export const logger = bunyan.createLogger(
  withTraceContext({
    name: "orders",
    level: (process.env.LOG_LEVEL as bunyan.LogLevelString | undefined) ?? "info",
    serializers: bunyan.stdSerializers,
  }),
);
