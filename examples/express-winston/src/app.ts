import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "winston";

declare global {
  namespace Express {
    interface Request {
      /** This request's child logger. */
      log: Logger;
    }
  }
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function createApp(logger: Logger): express.Express {
  const app = express();

  // #region request-logger
  // A child logger per request carries its id; the response line is written when it finishes.
  app.use((req, res, next) => {
    const given = req.headers["x-request-id"];
    const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader("x-request-id", requestId);
    req.log = logger.child({ request_id: requestId });
    const started = performance.now();
    res.on("finish", () => {
      const level = res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info";
      req.log.log(level, "request completed", {
        method: req.method,
        url: req.originalUrl,
        status: res.statusCode,
        duration_ms: Math.round(performance.now() - started),
      });
    });
    next();
  });
  // #endregion

  app.get("/", async (req, res) => {
    await sleep(1);
    const [stock, recommendation] = await Promise.all([
      sleep(2).then(() => 12),
      sleep(1).then(() => "green tea"),
    ]);
    req.log.info("fetched inventory", { stock, recommendation });
    res.json({ stock, recommendation });
  });

  app.get("/error", (req, res) => {
    req.log.warn("payment provider unavailable", { dependency: "payments" });
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

  app.use((err: Error, req: Request, res: Response, _next: NextFunction) => {
    req.log.error("Error occurred", {
      err: { type: err.name, message: err.message, stack: err.stack },
    });
    res.status(500).json({ error: "Internal Server Error" });
  });

  return app;
}
