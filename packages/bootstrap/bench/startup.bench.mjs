// Start-up cost of the preload, in child processes, against a fake ECS metadata endpoint and
// an OTLP receiver on loopback (the same environment for every variant):
//   bare node  vs  --import @logtrace/bootstrap  vs  --require @logtrace/bootstrap
//   vs  --require @opentelemetry/auto-instrumentations-node/register
// Wall = spawn until the app says it is listening; RSS = the app's peak RSS one second later.
// Variants run round-robin, medians are reported. Then: the metadata resolution alone, and how
// long the app waits for the preload with a healthy endpoint and with each fault (BENCH_FAULTS=0
// skips that part).
import { spawn } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  benchContext,
  ECS_METADATA_FAULTS,
  startFakeEcsMetadata,
  startOtlpReceiver,
  writeBenchSection,
} from "@logtrace/testkit";
import { resolveAwsResourceAttributes } from "../dist/resolver.js";

const here = dirname(fileURLToPath(import.meta.url));
const bootstrapDir = join(here, "..");

/**
 * The app runs outside the repo, as installed: its package.json declares express, its
 * node_modules links express, the API and the bootstrap. Inside the repo the bootstrap would find
 * every devDependency (auto-instrumentations-node's catalogue among them).
 */
function appDir() {
  const dir = mkdtempSync(join(tmpdir(), "logtrace-bench-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ dependencies: { express: "*" } }));
  for (const name of ["express", "@opentelemetry/api"]) {
    mkdirSync(dirname(join(dir, "node_modules", name)), { recursive: true });
    symlinkSync(
      realpathSync(join(bootstrapDir, "node_modules", name)),
      join(dir, "node_modules", name),
    );
  }
  mkdirSync(join(dir, "node_modules/@logtrace"), { recursive: true });
  symlinkSync(bootstrapDir, join(dir, "node_modules/@logtrace/bootstrap"));
  copyFileSync(join(here, "app.cjs"), join(dir, "app.cjs"));
  return dir;
}
const app = appDir();
process.on("exit", () => rmSync(app, { recursive: true, force: true }));
const stockRegister = createRequire(join(bootstrapDir, "package.json")).resolve(
  "@opentelemetry/auto-instrumentations-node/register",
);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
/** Everything printed also goes to this package's section of docs/benchmarks.md. */
const doc = [benchContext()];
const print = (text) => {
  console.log(text);
  doc.push(text);
};
const writeDoc = () => writeBenchSection("@logtrace/bootstrap", doc.join("\n"));
const RUN_TIMEOUT_MS = 30_000;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function cleanEnv(extra) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(OTEL_|LOGTRACE_|ECS_|NODE_OPTIONS)/u.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

/** One child run: wall ms to the ready line and the app's peak RSS (MiB). Bounded. */
function runOnce(args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...args, join(app, "app.cjs")], {
      cwd: app,
      env: cleanEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let result;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`run timed out: ${args.join(" ")}\n${err}`));
    }, RUN_TIMEOUT_MS);
    let wallMs;
    let cpuMs;
    let preloadMs;
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const lines = out.split("\n");
      const ready = lines.find((l) => l.startsWith('{"ready"'));
      if (wallMs === undefined && ready) {
        wallMs = performance.now() - started;
        ({ cpuMs, preloadMs } = JSON.parse(ready));
      }
      const rss = lines.find((l) => l.startsWith('{"maxRssKiB"'));
      if (rss && !result)
        result = { wallMs, cpuMs, preloadMs, rssMiB: JSON.parse(rss).maxRssKiB / 1024 };
    });
    child.stderr.on("data", (chunk) => {
      err += chunk;
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (result) resolve({ ...result, stderr: err });
      else reject(new Error(`exit ${code} before ready: ${args.join(" ")}\n${err}`));
    });
  });
}

async function main() {
  const metadata = await startFakeEcsMetadata({ fixture: "fargate-awslogs" });
  const otlp = await startOtlpReceiver();
  const env = { ...metadata.env, ...otlp.env, OTEL_RESOURCE_ATTRIBUTES: "service.name=bench" };

  const variants = [
    ["bare node", []],
    ["--import @logtrace/bootstrap", ["--import", "@logtrace/bootstrap"]],
    ["--require @logtrace/bootstrap", ["--require", "@logtrace/bootstrap"]],
    ["--require auto-instrumentations-node/register", ["--require", stockRegister]],
  ];
  const afterExport = {
    ...env,
    BENCH_REQUEST: "1",
    OTEL_BSP_SCHEDULE_DELAY: "100",
  };
  const samples = new Map(variants.map(([name]) => [name, []]));
  for (const [, args] of variants) await runOnce(args, env); // warm the file cache
  const steady = { bare: [], ours: [] };
  for (let run = 0; run < RUNS; run += 1) {
    for (const [name, args] of variants) samples.get(name).push(await runOnce(args, env));
    steady.bare.push(await runOnce([], afterExport));
    steady.ours.push(await runOnce(["--import", "@logtrace/bootstrap"], afterExport));
  }

  const stats = new Map(
    [...samples].map(([name, runs]) => [
      name,
      {
        wallMs: median(runs.map((r) => r.wallMs)),
        cpuMs: median(runs.map((r) => r.cpuMs)),
        rssMiB: median(runs.map((r) => r.rssMiB)),
      },
    ]),
  );
  const bare = stats.get("bare node");
  const stock = stats.get("--require auto-instrumentations-node/register");
  print(`\nStart-up, Express app, Node ${process.version}, median of ${RUNS} runs each`);
  print("| variant | wall ms | +wall | CPU ms | +CPU | peak RSS MiB | +RSS |");
  print("|---|---:|---:|---:|---:|---:|---:|");
  const plus = (name, value) =>
    name === "bare node" ? "" : value.toFixed(name.includes("RSS") ? 1 : 0);
  for (const [name, s] of stats) {
    print(
      `| ${name} | ${s.wallMs.toFixed(0)} | ${plus(name, s.wallMs - bare.wallMs)} | ${s.cpuMs.toFixed(0)} | ${plus(name, s.cpuMs - bare.cpuMs)} | ${s.rssMiB.toFixed(1)} | ${name === "bare node" ? "" : (s.rssMiB - bare.rssMiB).toFixed(1)} |`,
    );
  }
  const steadyBare = median(steady.bare.map((r) => r.rssMiB));
  const steadyOurs = median(steady.ours.map((r) => r.rssMiB));
  print(
    `| after one request and its export: bare node / --import @logtrace/bootstrap | | | | | ${steadyBare.toFixed(1)} / ${steadyOurs.toFixed(1)} | ${(steadyOurs - steadyBare).toFixed(1)} |`,
  );
  const ratio = (ours, field) => (ours[field] - bare[field]) / (stock[field] - bare[field]);
  for (const name of ["--import @logtrace/bootstrap", "--require @logtrace/bootstrap"]) {
    const ours = stats.get(name);
    const wallRatio = ratio(ours, "wallMs");
    const cpuRatio = ratio(ours, "cpuMs");
    const rssRatio = ratio(ours, "rssMiB");
    print(
      `${name}: overhead / stock register's: wall ${wallRatio.toFixed(2)}x, CPU ${cpuRatio.toFixed(2)}x (target <= 0.35: ${wallRatio <= 0.35 ? "met" : "MISSED"} on wall), peak RSS ${rssRatio.toFixed(2)}x (target <= 0.30: ${rssRatio <= 0.3 ? "met" : "MISSED"})`,
    );
  }

  // The resolution alone, in process, against the loopback endpoint.
  const resolutionMs = [];
  for (let i = 0; i < 50; i += 1) {
    const started = performance.now();
    const resolution = await resolveAwsResourceAttributes({ env: metadata.env });
    resolutionMs.push(performance.now() - started);
    if (resolution.source !== "ecs-metadata") throw new Error("resolution failed in the bench");
  }
  const resolution = median(resolutionMs);
  print(
    `\nMetadata resolution on loopback (container + task, in process): median ${resolution.toFixed(1)} ms, max ${Math.max(...resolutionMs).toFixed(1)} ms (target <= 50 ${resolution <= 50 ? "met" : "MISSED"})`,
  );
  await metadata.close();

  // The time the app waits for the preload, measured inside the child: from a marker placed as
  // the first --require to the app's first line. Default timeout (1000 ms). The waiting routes
  // (--import; --require with an agent or the app's own SDK) run with OTEL_SDK_DISABLED=true, so
  // that only the resolution (and loading the preload itself) is measured; --require starting our
  // SDK does not wait for the metadata, so its column is the SDK's start, whatever the endpoint.
  const mark = ["--require", join(here, "../e2e/apps/mark-start.cjs")];
  const faultRuns = Math.max(5, Math.floor(RUNS / 2));
  const preloadTime = async (args, runEnv) => {
    const times = [];
    for (let run = 0; run < faultRuns; run += 1) {
      times.push((await runOnce([...mark, ...args], runEnv)).preloadMs);
    }
    return median(times);
  };
  if (process.env.BENCH_FAULTS === "0") {
    await otlp.close();
    writeDoc();
    return;
  }
  print(
    `\nTime the app waits for the preload, default timeout 1000 ms, median of ${faultRuns} runs`,
  );
  print(
    "| metadata endpoint | --import ms (SDK off) | --require ms (SDK off: waits in a thread) | --require ms (our SDK starting: does not wait) |",
  );
  print("|---|---:|---:|---:|");
  const cases = [
    ["healthy (fargate-awslogs)", await startFakeEcsMetadata({ fixture: "fargate-awslogs" })],
    ["not on ECS (no metadata variable)", undefined],
  ];
  for (const fault of ECS_METADATA_FAULTS) {
    cases.push([fault, await startFakeEcsMetadata({ fixture: "fargate-awslogs", fault })]);
  }
  for (const [name, server] of cases) {
    const runEnv = {
      ...server?.env,
      OTEL_SDK_DISABLED: "true",
      OTEL_RESOURCE_ATTRIBUTES: "service.name=bench",
    };
    const viaImport = await preloadTime(["--import", "@logtrace/bootstrap"], runEnv);
    const viaRequire = await preloadTime(["--require", "@logtrace/bootstrap"], runEnv);
    const { OTEL_SDK_DISABLED: _off, ...tracingOn } = runEnv;
    const viaRequireTracing = await preloadTime(["--require", "@logtrace/bootstrap"], {
      ...tracingOn,
      ...otlp.env,
    });
    print(
      `| ${name} | ${viaImport.toFixed(0)} | ${viaRequire.toFixed(0)} | ${viaRequireTracing.toFixed(0)} |`,
    );
    await server?.close();
  }
  await otlp.close();
  writeDoc();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
