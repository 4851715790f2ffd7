// An Express app logging through @logtrace/pino inside each request. It prints one JSON line
// `{"ready":port}` on stdout when listening, then each log line as pino writes it.
import { withTraceContext } from "@logtrace/pino";
import express from "express";
import pino from "pino";

const logger = pino(withTraceContext({ base: undefined }));
const app = express();
app.get("/hello/:n", (req, res) => {
  logger.info({ n: req.params.n }, "handling hello");
  res.json({ ok: true, resource: process.env.OTEL_RESOURCE_ATTRIBUTES ?? null });
});
const server = app.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ ready: server.address().port })}\n`);
});
process.on("message", (message) => {
  if (message === "stop") server.close(() => process.disconnect?.());
});
