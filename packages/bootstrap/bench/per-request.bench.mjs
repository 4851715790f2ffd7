// CPU time the app spends per request, traced and not. The Express example
// (examples/express-pino: pino-http, a downstream call on `/`) runs as its users run it, under
// each variant in turn:
//   bare node  vs  --import @logtrace/bootstrap (LOGTRACE_SPANS lean, then full)
//   vs  --require @opentelemetry/auto-instrumentations-node/register
// every one exporting OTLP http/protobuf to the same receiver. The load generator, the
// downstream service and the receiver run in this process; where the machine has two cores the
// app is pinned to one and this process to another. Each run: start, warm up, wait until the
// exports settle, then windows of N requests (`/`, `/health`, `/error` in turn, keep-alive, a
// few connections), each measured from settled exports to settled exports as the app's user +
// system time in /proc/<pid>/stat. A run counts its least disturbed window (a shared machine only
// ever adds time); variants interleave round by round, and medians of runs are reported.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchContext, startOtlpReceiver, writeBenchSection } from "@logtrace/testkit";

const here = dirname(fileURLToPath(import.meta.url));
const bootstrapDir = join(here, "..");
const exampleDir = join(bootstrapDir, "../../examples/express-pino");
const stockRegister = createRequire(join(bootstrapDir, "package.json")).resolve(
  "@opentelemetry/auto-instrumentations-node/register",
);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const WARMUP = Math.min(2_000, REQUESTS);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WINDOWS = Number(process.env.BENCH_WINDOWS ?? 3);
const CONNECTIONS = 8;
const ROUTES = ["/", "/health", "/error"];
/** Bounds: a run's load, and the wait for its exports to settle. */
const LOAD_TIMEOUT_MS = 60_000;
const SETTLE_QUIET_MS = 1_200;
const SETTLE_TIMEOUT_MS = 15_000;
const START_TIMEOUT_MS = 20_000;

const VARIANTS = [
  { name: "bare node", args: [], env: {} },
  {
    name: "ours, lean",
    args: ["--import", "@logtrace/bootstrap"],
    env: { LOGTRACE_SPANS: "lean" },
  },
  {
    name: "ours, full",
    args: ["--import", "@logtrace/bootstrap"],
    env: { LOGTRACE_SPANS: "full" },
  },
  { name: "stock register", args: ["--require", stockRegister], env: {} },
];

const doc = [benchContext()];
const print = (text) => {
  console.log(text);
  doc.push(text);
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pins this process to the last core and the app to the first, when there are two or more. */
function pinning() {
  if (cpus().length < 2) return { app: [], note: "not pinned: one core" };
  const last = String(cpus().length - 1);
  const self = spawnSync("taskset", ["-cp", last, String(process.pid)], { encoding: "utf8" });
  if (self.status !== 0) {
    return {
      app: [],
      note: `not pinned: taskset unavailable (${self.error?.message ?? self.stderr.trim()})`,
    };
  }
  return {
    app: ["taskset", "-c", "0"],
    note: `app pinned to core 0; load generator, downstream and OTLP receiver to core ${last}`,
  };
}

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;
/** User + system CPU seconds of a process so far. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces), from field 3 on.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function cleanEnv(extra) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(OTEL_|LOGTRACE_|ECS_|NODE_OPTIONS|DOWNSTREAM_URL|PORT$|HOST$)/u.test(key))
      env[key] = value;
  }
  return { ...env, ...extra };
}

/** The downstream inventory service `/` calls (what the example starts in-process otherwise). */
async function startDownstream() {
  const server = http.createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ items: [{ sku: "tea-001", stock: 12 }] }));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

async function freePort() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `count` GETs over `CONNECTIONS` keep-alive connections, routes in turn; bounded in time. */
async function load(port, count) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const deadline = Date.now() + LOAD_TIMEOUT_MS;
  let next = 0;
  let failed = 0;
  const one = (path) =>
    new Promise((resolve) => {
      const req = http.get({ host: "127.0.0.1", port, path, agent }, (res) => {
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", () => {
        failed += 1;
        resolve();
      });
    });
  const worker = async () => {
    while (next < count && Date.now() < deadline) {
      const path = ROUTES[next % ROUTES.length];
      next += 1;
      await one(path);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  agent.destroy();
  if (next < count)
    throw new Error(`only ${next} of ${count} requests within ${LOAD_TIMEOUT_MS} ms`);
  if (failed > 0) throw new Error(`${failed} requests failed`);
}

/** Waits until no span arrived for SETTLE_QUIET_MS (bounded); returns the count then. */
async function settled(receiver) {
  const until = Date.now() + SETTLE_TIMEOUT_MS;
  let count = receiver.spans().length;
  let quietSince = Date.now();
  while (Date.now() < until) {
    await sleep(100);
    const now = receiver.spans().length;
    if (now !== count) {
      count = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= SETTLE_QUIET_MS) return count;
  }
  return count;
}

async function waitListening(port, child) {
  const until = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`app exited (${child.exitCode}) before listening`);
    const up = await new Promise((resolve) => {
      http
        .get({ host: "127.0.0.1", port, path: "/health", agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        })
        .on("error", () => resolve(false));
    });
    if (up) return;
    await sleep(50);
  }
  throw new Error(`app not listening within ${START_TIMEOUT_MS} ms`);
}

/** One run of one variant: CPU seconds of the measured window and spans received in it. */
async function runOnce(variant, { receiver, downstream, pin }) {
  const port = await freePort();
  const command = [...pin.app, process.execPath, ...variant.args, "src/server.ts"];
  const child = spawn(command[0], command.slice(1), {
    cwd: exampleDir,
    env: cleanEnv({
      ...variant.env,
      ...receiver.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DOWNSTREAM_URL: downstream.url,
      OTEL_SERVICE_NAME: "express-pino-bench",
      OTEL_BSP_SCHEDULE_DELAY: "500",
      OTEL_METRICS_EXPORTER: "none",
      OTEL_LOGS_EXPORTER: "none",
      LOGTRACE_LOG_GROUP_NAMES: "/ecs/bench",
    }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  try {
    await waitListening(port, child);
    await load(port, WARMUP);
    let least;
    for (let window = 0; window < WINDOWS; window += 1) {
      const before = await settled(receiver);
      const cpuBefore = cpuSeconds(child.pid);
      await load(port, REQUESTS);
      const after = await settled(receiver);
      const measured = { cpu: cpuSeconds(child.pid) - cpuBefore, spans: after - before };
      if (!least || measured.cpu < least.cpu) least = measured;
    }
    return least;
  } catch (error) {
    throw new Error(`${variant.name}: ${error.message}\n${stderr}`);
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
}

async function main() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 23 || (major === 23 && minor < 6)) {
    throw new Error(
      `the per-request bench runs the example's TypeScript directly: Node >= 23.6 needed, this is ${process.version} (run it through pnpm, which brings Node 24)`,
    );
  }
  const pin = pinning();
  const receiver = await startOtlpReceiver();
  const downstream = await startDownstream();
  const context = { receiver, downstream, pin };
  const results = new Map(VARIANTS.map(({ name }) => [name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const variant of VARIANTS) {
      const result = await runOnce(variant, context);
      results.get(variant.name).push(result);
      console.log(
        `round ${round + 1}/${ROUNDS} ${variant.name}: ${result.cpu.toFixed(2)} s CPU, ${result.spans} spans`,
      );
    }
  }
  downstream.close();
  await receiver.close();

  const stats = new Map(
    [...results].map(([name, runs]) => [
      name,
      {
        cpu: median(runs.map((run) => run.cpu)),
        spansPerRequest: median(runs.map((run) => run.spans)) / REQUESTS,
      },
    ]),
  );
  const bare = stats.get("bare node");
  const stock = stats.get("stock register");
  const overhead = (s) => ((s.cpu - bare.cpu) / REQUESTS) * 1e6;
  print(
    `\nPer request: the Express example, windows of ${REQUESTS} requests (${ROUTES.join(", ")} in turn, ${CONNECTIONS} keep-alive connections), CPU time (user + system) of the app process, the least of ${WINDOWS} windows a run, median of ${ROUNDS} interleaved rounds; ${pin.note}`,
  );
  print(
    "| variant | CPU s | µs / request | overhead µs / request | overhead / stock's | spans / request |",
  );
  print("|---|---:|---:|---:|---:|---:|");
  for (const [name, s] of stats) {
    const isBare = name === "bare node";
    const ratio = isBare ? "" : `${(overhead(s) / overhead(stock)).toFixed(2)}x`;
    print(
      `| ${name} | ${s.cpu.toFixed(2)} | ${((s.cpu / REQUESTS) * 1e6).toFixed(0)} | ${isBare ? "" : overhead(s).toFixed(0)} | ${ratio} | ${s.spansPerRequest.toFixed(2)} |`,
    );
  }
  const lean = overhead(stats.get("ours, lean")) / overhead(stock);
  const full = overhead(stats.get("ours, full")) / overhead(stock);
  print(
    `Targets: lean overhead <= 0.6x stock's: ${lean <= 0.6 ? "met" : "MISSED"} (${lean.toFixed(2)}x); full no worse than stock: ${full <= 1 ? "met" : "MISSED"} (${full.toFixed(2)}x)`,
  );
  writeBenchSection("@logtrace/bootstrap per-request", doc.join("\n"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
