// The small app every start-up variant runs: Express, one route, listening on loopback. It says
// when it is ready to serve; one second later (asynchronous start-up work such as resource
// detection has run by then) it reports its peak RSS and exits.
const express = require("express");

const app = express();
app.get("/", (_req, res) => res.send("ok"));
const server = app.listen(0, "127.0.0.1", () => {
  process.stdout.write('{"ready":true}\n');
  setTimeout(() => {
    process.stdout.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
    server.close();
    process.exit(0);
  }, 1000);
});
