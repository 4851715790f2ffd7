import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";

const app = createApp();
await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? "0.0.0.0" });
app.log.info({ port: (app.server.address() as AddressInfo).port }, "listening");

// ECS stops a task with SIGTERM: finish the requests in flight, then exit.
process.once("SIGTERM", () => {
  app.log.info("shutting down");
  app.close().then(() => process.exit(0));
});
