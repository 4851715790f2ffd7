// Forked by the app with its execArgv (so the preload runs here too): one traced outgoing
// request back to the parent, then report what this process saw.
const http = require("node:http");

const port = process.argv[2];
http.get(`http://127.0.0.1:${port}/hello/forked`, (response) => {
  response.resume();
  response.on("end", () => {
    process.send(
      {
        pid: process.pid,
        resource: process.env.OTEL_RESOURCE_ATTRIBUTES ?? null,
        marker: process.env.LOGTRACE_BOOTSTRAP_RESOLVED ?? null,
      },
      // Leave by letting the event loop drain, as most processes do: the preload flushes then.
      () => process.disconnect(),
    );
  });
});
