import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";

const app = createApp();
await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? "0.0.0.0" });
app.log.info({ port: (app.server.address() as AddressInfo).port }, "listening");

// ECS stops a task with SIGTERM: finish the requests in flight, then let the process end by
// itself, so the logger and the tracing preload can write what they still hold.
process.once("SIGTERM", async () => {
  app.log.info("shutting down");
  setTimeout(() => process.exit(1), 10_000).unref();
  await app.close();
});
