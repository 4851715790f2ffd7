import type { LineReader } from "./correlation.js";
import { exampleDir } from "./example-dir.js";
import type { LogRecord } from "./example-process.js";

/** The Express example's directory. */
export const expressPinoDir = exampleDir("express-pino");

/** pino-http lines (and `req.log` children) carry the request id as `req.id`. */
export const pinoHttpLines: LineReader = {
  requestIdOf: (record: LogRecord) => {
    const id = (record.req as { id?: unknown } | undefined)?.id;
    return typeof id === "string" ? id : undefined;
  },
};

/**
 * The load mix: mostly `/`, whose handler awaits a timer, a promise pair and a downstream HTTP
 * call before it logs, plus the error, crash and health routes.
 */
export const EXPRESS_PINO_LOAD_PATHS = [
  "/",
  "/",
  "/",
  "/",
  "/",
  "/",
  "/",
  "/error",
  "/crash",
  "/health",
];
