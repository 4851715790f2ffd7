import { setTimeout as sleep } from "node:timers/promises";
import { withTraceContext } from "@logtrace/pino";
import Fastify, { type FastifyInstance } from "fastify";

/**
 * Fastify builds its own pino logger from the options it is given: hand it `withTraceContext()`
 * around them, and every line Fastify writes (`incoming request`, `request completed`, `req.log`
 * in handlers) carries the active span's `trace_id`, `span_id` and `trace_flags`.
 */
export function createApp(): FastifyInstance {
  // #region logger
  const app = Fastify({
    logger: withTraceContext({
      level: process.env.LOG_LEVEL ?? "info",
      redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
    }),
    // Keep the id a proxy or caller sent, so one id follows the request across services.
    requestIdHeader: "x-request-id",
  });
  // #endregion

  app.get("/", async (req) => {
    await sleep(1);
    const [stock, recommendation] = await Promise.all([
      sleep(2).then(() => 12),
      sleep(1).then(() => "green tea"),
    ]);
    req.log.info({ stock, recommendation }, "fetched inventory");
    return { stock, recommendation };
  });

  app.get("/error", async (req, reply) => {
    req.log.warn({ dependency: "payments" }, "payment provider unavailable");
    return reply.code(500).send({ error: "payment provider unavailable" });
  });

  app.get("/crash", async (req) => {
    req.log.error("Crash endpoint triggered - throwing exception");
    await sleep(1);
    throw new Error("Application crash test - intentional exception");
  });

  app.get("/health", async () => ({ status: "ok" }));

  return app;
}
