import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";
import { startInventoryService } from "./downstream.ts";
import { logger } from "./logger.ts";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const inventory = process.env.DOWNSTREAM_URL ? undefined : await startInventoryService();
const downstreamUrl = process.env.DOWNSTREAM_URL || (inventory?.url as string);

const server = createApp({ logger, downstreamUrl }).listen(port, host, () => {
  const { port: listening } = server.address() as AddressInfo;
  logger.info({ port: listening }, "listening");
});
// Behind an ALB, keep idle connections open longer than its idle timeout (60 s by default), or
// the ALB may reuse a connection the app is closing and answer 502.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

function close(target: Server): Promise<void> {
  return new Promise((resolve) => {
    target.close(() => resolve());
    target.closeIdleConnections();
  });
}

// ECS stops a task with SIGTERM (and SIGKILL after its stopTimeout). Finish the requests in
// flight, then let the process end by itself rather than calling process.exit(): pino writes
// stdout asynchronously (an abrupt exit drops the lines it still holds) and the tracing preload
// exports its last spans calmly when the event loop drains.
process.once("SIGTERM", async () => {
  logger.info("shutting down");
  setTimeout(() => process.exit(1), 10_000).unref();
  await close(server);
  if (inventory) await close(inventory.server);
});
