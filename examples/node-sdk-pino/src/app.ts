import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { withTraceContext } from "@logtrace/pino";
import pino from "pino";

const logger = pino(withTraceContext({ level: process.env.LOG_LEVEL ?? "info" }));

const server = createServer((req, res) => {
  // Inside the request's server span: this line carries its trace_id, span_id and trace_flags.
  logger.info({ path: req.url }, "order looked up");
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ status: "shipped" }));
});

server.listen(Number(process.env.PORT ?? 3000), process.env.HOST, () => {
  logger.info({ port: (server.address() as AddressInfo).port }, "listening");
});

process.once("SIGTERM", () => server.close());
