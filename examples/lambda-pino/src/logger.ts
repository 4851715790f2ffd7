import { withTraceContext } from "@logtrace/pino";
import pino from "pino";

/**
 * One JSON line per log call on stdout, which Lambda sends to the function's log group as it is.
 * `withTraceContext` adds `trace_id`, `span_id` and `trace_flags` of the active span: inside an
 * invocation, the span the ADOT layer's Lambda instrumentation started for it.
 */
export const logger = pino(
  withTraceContext({
    // Lambda sets AWS_LAMBDA_LOG_LEVEL when the function has an application log level: pino then
    // skips the lines Lambda would drop instead of writing them.
    level: (process.env.AWS_LAMBDA_LOG_LEVEL ?? process.env.LOG_LEVEL ?? "info").toLowerCase(),
    // Lambda's log-level filtering reads `level` as a name; a number counts as INFO.
    formatters: { level: (label: string) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Lambda's log stream already names the function and the instance.
    base: undefined,
  }),
  // Written before the handler returns: Lambda may freeze the process right after, and pino's
  // default asynchronous destination would then deliver lines late or never.
  pino.destination({ sync: true }),
);
