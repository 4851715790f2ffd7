import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";
import { logger } from "./logger.ts";

const server = createApp(logger).listen(
  Number(process.env.PORT ?? 3000),
  process.env.HOST ?? "0.0.0.0",
  () => logger.info("listening", { port: (server.address() as AddressInfo).port }),
);

// ECS stops a task with SIGTERM: finish the requests in flight, then let the process end by
// itself, so the logger and the tracing preload can write what they still hold.
process.once("SIGTERM", () => {
  logger.info("shutting down");
  setTimeout(() => process.exit(1), 10_000).unref();
  server.close();
  server.closeIdleConnections();
});
