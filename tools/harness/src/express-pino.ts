import { fileURLToPath } from "node:url";
import type { LineReader } from "./correlation.js";
import type { LogRecord } from "./example-process.js";

/** The Express example's directory. */
export const expressPinoDir = fileURLToPath(
  new URL("../../../examples/express-pino/", import.meta.url),
);

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
