import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { getJson } from "./downstream.ts";

export interface AppOptions {
  logger: Logger;
  /** Base URL of the service `/` calls. */
  downstreamUrl: string;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Keeps an incoming `x-request-id` (from a proxy or a caller) or makes one, and echoes it. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers["x-request-id"];
  const id = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader("x-request-id", id);
  return id;
}

export function createApp({ logger, downstreamUrl }: AppOptions): express.Express {
  const app = express();

  // #region pino-http
  app.use(
    pinoHttp({
      logger,
      genReqId: requestId,
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
    }),
  );
  // #endregion

  app.get("/", async (req, res) => {
    // Nested async work, as real handlers do: a timer, promises, a downstream HTTP call. The
    // log line after it still carries this request's trace.
    await sleep(1);
    const [inventory, recommendation] = await Promise.all([
      getJson(`${downstreamUrl}/inventory`),
      sleep(1).then(() => "green tea"),
    ]);
    req.log.info({ inventory, recommendation }, "fetched inventory");
    // A session cookie, like express-session sets: redacted from the response log line.
    res.cookie("session", randomBytes(12).toString("hex"), { httpOnly: true });
    res.json({ inventory, recommendation });
  });

  app.get("/error", (req, res) => {
    req.log.warn({ dependency: "payments" }, "payment provider unavailable");
    res.status(500).json({ error: "payment provider unavailable" });
  });

  app.get("/crash", async (req) => {
    req.log.error("Crash endpoint triggered - throwing exception");
    await sleep(1);
    throw new Error("Application crash test - intentional exception");
  });

  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });

  // #region error-handler
  // Express 5 sends thrown errors and rejected promises here.
  app.use((err: Error, req: Request, res: Response, _next: NextFunction) => {
    req.log.error({ err }, "Error occurred");
    // pino-http then logs the response with this error instead of a generic one.
    res.err = err;
    res.status(500).json({ error: "Internal Server Error" });
  });
  // #endregion

  return app;
}
