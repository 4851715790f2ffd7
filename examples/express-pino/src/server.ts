import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";
import { startInventoryService } from "./downstream.ts";
import { logger } from "./logger.ts";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const downstreamUrl = process.env.DOWNSTREAM_URL || (await startInventoryService()).url;

const server = createApp({ logger, downstreamUrl }).listen(port, host, () => {
  const { port: listening } = server.address() as AddressInfo;
  logger.info({ port: listening }, "listening");
});

// ECS stops a task with SIGTERM: finish the requests in flight, then exit (which also lets the
// tracing preload flush its spans).
process.once("SIGTERM", () => {
  logger.info("shutting down");
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});
