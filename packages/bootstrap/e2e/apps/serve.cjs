// The e2e app's behaviour, shared by the ESM and CJS entries; the entries load express, pino
// and @logtrace/pino with their own module system and hand them in.
const { fork } = require("node:child_process");
const { join } = require("node:path");
const { Worker } = require("node:worker_threads");

exports.serve = ({ express, pino, withTraceContext }) => {
  const logger = pino(withTraceContext({ base: undefined }));
  const app = express();
  app.get("/hello/:n", (req, res) => {
    logger.info({ n: req.params.n }, "handling hello");
    res.json({
      ok: true,
      resource: process.env.OTEL_RESOURCE_ATTRIBUTES ?? null,
      resolved: process.env.LOGTRACE_BOOTSTRAP_RESOLVED ?? null,
    });
  });
  // Whether a package was loaded in this process (through require, as the preload loads its own).
  app.get("/loaded/*name", (req, res) => {
    const name = [req.params.name].flat().join("/");
    const needle = `/node_modules/${name}/`;
    res.json({ loaded: Object.keys(require.cache).some((file) => file.includes(needle)) });
  });
  // A forked process (inheriting execArgv, hence the preload) that calls us back over HTTP.
  app.get("/fork", (_req, res) => {
    const child = fork(join(__dirname, "forked-child.cjs"), [String(server.address().port)]);
    child.once("message", (message) => res.json(message));
  });
  // A worker thread: reports what it sees.
  app.get("/worker", (_req, res) => {
    const worker = new Worker(join(__dirname, "worker.cjs"));
    worker.once("message", (message) => res.json(message));
  });
  // The common shutdown handler that exits at once: nothing asynchronous can run after it.
  if (process.env.E2E_OWN_SIGTERM === "1") {
    process.on("SIGTERM", () => {
      logger.info("own SIGTERM handler: exiting");
      process.exit(0);
    });
  }
  const server = app.listen(0, "127.0.0.1", () => {
    const ready = {
      port: server.address().port,
      preloadMs:
        globalThis.__e2ePreloadStart === undefined
          ? undefined
          : globalThis.__e2eAppStart - globalThis.__e2ePreloadStart,
    };
    process.stdout.write(`${JSON.stringify({ ready })}\n`);
  });
  return server;
};
