import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * A stand-in for the service `/` depends on (an inventory API), on loopback, so the example runs
 * anywhere. Set DOWNSTREAM_URL to call a real one instead.
 */
export async function startInventoryService(): Promise<{ url: string; server: Server }> {
  const server = http.createServer(async (_req, res) => {
    await sleep(2);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ items: [{ sku: "tea-001", stock: 12 }] }));
  });
  // Longer than the caller's idle keep-alive sockets live, so a reused socket is never closed
  // under a request.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

/**
 * GET a JSON document with node:http, which the OpenTelemetry http instrumentation traces (it
 * also sends `traceparent`, so the downstream joins this trace). `http.request` is looked up at
 * call time: a named ESM import of a builtin can keep the function from before instrumentation.
 */
export function getJson(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { headers: { accept: "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        if ((res.statusCode ?? 500) >= 400) {
          reject(new Error(`GET ${url} answered ${res.statusCode}`));
          return;
        }
        try {
          resolve(JSON.parse(body));
        } catch (error) {
          reject(error);
        }
      });
      res.on("error", reject);
    });
    req.setTimeout(5_000, () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on("error", reject);
    req.end();
  });
}
