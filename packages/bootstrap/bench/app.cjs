// The small app every start-up variant runs: Express, one route, listening on loopback. It says
// when it is ready to serve (with the CPU time spent so far); one second later (asynchronous
// start-up work such as resource detection has run by then) it reports its peak RSS and exits.
// With BENCH_REQUEST=1 it first serves one request to itself, so that spans get exported.
const appStart = performance.now();
const http = require("node:http");
const express = require("express");

const app = express();
app.get("/", (_req, res) => res.send("ok"));
const server = app.listen(0, "127.0.0.1", () => {
  const cpu = process.cpuUsage();
  // With ../e2e/apps/mark-start.cjs as the first --require: the time the preloads took.
  const preloadMs =
    globalThis.__e2ePreloadStart === undefined
      ? undefined
      : appStart - globalThis.__e2ePreloadStart;
  const ready = { ready: true, cpuMs: (cpu.user + cpu.system) / 1000, preloadMs };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  const finish = () =>
    setTimeout(() => {
      process.stdout.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
      server.close();
      process.exit(0);
    }, 1000);
  if (process.env.BENCH_REQUEST !== "1") return finish();
  http.get(`http://127.0.0.1:${server.address().port}/`, (response) => {
    response.resume();
    response.on("end", finish);
  });
});
