// Servers for comparing server spans between span sets: an Express app over http and https
// (routes that answer 200, 404, 500, 503, throw into Express, or answer late) and a plain http
// server whose listener throws on /throw. The TLS key and certificate come from the environment.
const http = require("node:http");
const https = require("node:https");
const express = require("express");

const app = express();
app.get("/users/:id", (req, res) => res.json({ id: req.params.id }));
app.post("/echo", express.text({ type: "*/*" }), (req, res) => res.send(req.body));
app.get("/error", (_req, res) => res.status(500).json({ error: "unavailable" }));
app.get("/unavailable", (_req, res) => res.status(503).end());
app.get("/crash", () => {
  throw new Error("intentional crash");
});
app.get("/slow", (_req, res) => {
  setTimeout(() => res.end("late"), 500);
});

const plain = http.createServer((req, res) => {
  if (req.url.startsWith("/throw")) throw new TypeError("listener threw");
  res.statusCode = 201;
  res.end("plain");
});
process.on("uncaughtException", (error) => {
  if (error.message !== "listener threw") throw error;
});

const tls = { key: process.env.TEST_TLS_KEY, cert: process.env.TEST_TLS_CERT };
const servers = {
  port: http.createServer(app),
  plainPort: plain,
  tlsPort: https.createServer(tls, app),
};
let listening = 0;
for (const server of Object.values(servers)) {
  server.listen(0, "127.0.0.1", () => {
    if (++listening < 3) return;
    const ports = Object.fromEntries(
      Object.entries(servers).map(([name, each]) => [name, each.address().port]),
    );
    console.log(JSON.stringify({ ready: ports }));
  });
}
