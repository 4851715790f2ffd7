// A worker thread: it must not have started an SDK of its own.
const { parentPort } = require("node:worker_threads");

const api = globalThis[Symbol.for("opentelemetry.js.api.1")];
parentPort.postMessage({
  bootstrapStartedHere: globalThis[Symbol.for("logtrace.bootstrap.started")] === true,
  tracerProviderHere: Boolean(api?.trace),
  resource: process.env.OTEL_RESOURCE_ATTRIBUTES ?? null,
});
