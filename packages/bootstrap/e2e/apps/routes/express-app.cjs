// An Express 5 app shaped like the examples: middleware, a router with a parameterised route that
// calls a downstream service over HTTP (here its own /inventory), a route answering 500 and one
// throwing into the error handler. Each handler logs one line through @logtrace/pino.
const http = require("node:http");
const express = require("express");
const pino = require("pino");
const { withTraceContext } = require("@logtrace/pino");

const logger = pino(withTraceContext({ base: undefined }));
const app = express();
app.use(express.json());
app.use(function requestTag(req, _res, next) {
  req.tag = "tagged";
  next();
});

const get = (path) =>
  new Promise((resolve, reject) => {
    http
      .get(`http://127.0.0.1:${server.address().port}${path}`, (response) => {
        let body = "";
        response.on("data", (chunk) => {
          body += chunk;
        });
        response.on("end", () => resolve(JSON.parse(body)));
      })
      .on("error", reject);
  });

const users = express.Router();
users.get("/:id", async (req, res) => {
  const inventory = await get("/inventory");
  logger.info({ route: "user", id: req.params.id }, "handling user");
  res.json({ id: req.params.id, inventory });
});
app.use("/users", users);
app.get("/inventory", (_req, res) => res.json({ items: 1 }));
app.get("/error", (_req, res) => {
  logger.warn({ route: "error" }, "payment provider unavailable");
  res.status(500).json({ error: "unavailable" });
});
app.get("/crash", async () => {
  throw new Error("intentional crash");
});
app.use((err, _req, res, _next) => {
  logger.error({ route: "crash", err: err.message }, "error handler");
  res.status(500).json({ error: err.message });
});

const server = app.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ ready: { port: server.address().port } }));
});
