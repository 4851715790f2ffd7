// The CommonJS twin of express-pino.mjs.
const { withTraceContext } = require("@logtrace/pino");
const express = require("express");
const pino = require("pino");

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
