import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type Logger from "bunyan";
import { logger } from "./logger.ts";

const REQUEST_ID = /^[\w.:-]{1,128}$/;

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** The routes; each gets the request's child logger. */
async function route(req: IncomingMessage, res: ServerResponse, log: Logger): Promise<void> {
  switch (new URL(req.url ?? "/", "http://localhost").pathname) {
    case "/": {
      await sleep(1);
      const [stock, recommendation] = await Promise.all([
        sleep(2).then(() => 12),
        sleep(1).then(() => "green tea"),
      ]);
      log.info({ stock, recommendation }, "fetched inventory");
      return sendJson(res, 200, { stock, recommendation });
    }
    case "/error":
      log.warn({ dependency: "payments" }, "payment provider unavailable");
      return sendJson(res, 500, { error: "payment provider unavailable" });
    case "/crash":
      log.error("Crash endpoint triggered - throwing exception");
      await sleep(1);
      throw new Error("Application crash test - intentional exception");
    case "/health":
      return sendJson(res, 200, { status: "ok" });
    default:
      return sendJson(res, 404, { error: "not found" });
  }
}

// #region request-logger
const server = createServer((req, res) => {
  const given = req.headers["x-request-id"];
  const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader("x-request-id", requestId);
  // A child per request: its lines carry the request id, and (added by @logtrace/bunyan at each
  // call) the trace of the span active then.
  const log = logger.child({ req_id: requestId });
  const started = performance.now();
  res.on("finish", () => {
    const status = res.statusCode;
    const fields = {
      method: req.method,
      url: req.url,
      status,
      duration_ms: Math.round(performance.now() - started),
    };
    if (status >= 500) log.error(fields, "request completed");
    else log.info(fields, "request completed");
  });
  route(req, res, log).catch((err: Error) => {
    log.error({ err }, "Error occurred");
    if (!res.headersSent) sendJson(res, 500, { error: "Internal Server Error" });
  });
});
// #endregion

server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? "0.0.0.0", () => {
  logger.info({ port: (server.address() as AddressInfo).port }, "listening");
});

// ECS stops a task with SIGTERM: finish the requests in flight, then let the process end by
// itself, so the logger and the tracing preload can write what they still hold.
process.once("SIGTERM", () => {
  logger.info("shutting down");
  setTimeout(() => process.exit(1), 10_000).unref();
  server.close();
  server.closeIdleConnections();
});
