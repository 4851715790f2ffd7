// Start-up cost of the preload, in child processes, against a fake ECS metadata endpoint and
// an OTLP receiver on loopback (the same environment for every variant):
//   bare node  vs  --import @logtrace/bootstrap  vs  --require @logtrace/bootstrap
//   vs  --require @opentelemetry/auto-instrumentations-node/register
// Wall = spawn until the app says it is listening; RSS = the app's peak RSS one second later.
// Variants run round-robin, medians are reported. Then: the metadata resolution alone, and the
// start-up of each fault case of the metadata endpoint with the default timeout.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ECS_METADATA_FAULTS, startFakeEcsMetadata, startOtlpReceiver } from "@logtrace/testkit";
import { resolveEcsResourceAttributes } from "../dist/resolver.js";

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
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
    const child = spawn(process.execPath, [...args, join(here, "app.cjs")], {
      cwd: here,
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
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const lines = out.split("\n");
      if (wallMs === undefined && lines.some((l) => l.startsWith('{"ready"'))) {
        wallMs = performance.now() - started;
      }
      const rss = lines.find((l) => l.startsWith('{"maxRssKiB"'));
      if (rss && !result) result = { wallMs, rssMiB: JSON.parse(rss).maxRssKiB / 1024 };
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
    [
      "--require auto-instrumentations-node/register",
      ["--require", "@opentelemetry/auto-instrumentations-node/register"],
    ],
  ];
  const samples = new Map(variants.map(([name]) => [name, []]));
  for (const [, args] of variants) await runOnce(args, env); // warm the file cache
  for (let run = 0; run < RUNS; run += 1) {
    for (const [name, args] of variants) samples.get(name).push(await runOnce(args, env));
  }

  const stats = new Map(
    [...samples].map(([name, runs]) => [
      name,
      { wallMs: median(runs.map((r) => r.wallMs)), rssMiB: median(runs.map((r) => r.rssMiB)) },
    ]),
  );
  const bare = stats.get("bare node");
  const stock = stats.get("--require auto-instrumentations-node/register");
  console.log(`\nStart-up, Express app, Node ${process.version}, median of ${RUNS} runs each`);
  console.log("| variant | wall ms | +wall ms | peak RSS MiB | +RSS MiB |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, s] of stats) {
    const dw = s.wallMs - bare.wallMs;
    const dr = s.rssMiB - bare.rssMiB;
    console.log(
      `| ${name} | ${s.wallMs.toFixed(0)} | ${name === "bare node" ? "" : dw.toFixed(0)} | ${s.rssMiB.toFixed(1)} | ${name === "bare node" ? "" : dr.toFixed(1)} |`,
    );
  }
  const ratio = (ours, field) => (ours[field] - bare[field]) / (stock[field] - bare[field]);
  for (const name of ["--import @logtrace/bootstrap", "--require @logtrace/bootstrap"]) {
    const ours = stats.get(name);
    const wallRatio = ratio(ours, "wallMs");
    const rssRatio = ratio(ours, "rssMiB");
    console.log(
      `${name}: overhead vs stock register: wall ${wallRatio.toFixed(2)}x (target <= 0.35 ${wallRatio <= 0.35 ? "met" : "MISSED"}), peak RSS ${rssRatio.toFixed(2)}x (target <= 0.30 ${rssRatio <= 0.3 ? "met" : "MISSED"})`,
    );
  }

  // The resolution alone, in process, against the loopback endpoint.
  const resolutionMs = [];
  for (let i = 0; i < 50; i += 1) {
    const started = performance.now();
    const resolution = await resolveEcsResourceAttributes({ env: metadata.env });
    resolutionMs.push(performance.now() - started);
    if (resolution.source !== "ecs-metadata") throw new Error("resolution failed in the bench");
  }
  const resolution = median(resolutionMs);
  console.log(
    `\nMetadata resolution on loopback (container + task, in process): median ${resolution.toFixed(1)} ms, max ${Math.max(...resolutionMs).toFixed(1)} ms (target <= 50 ${resolution <= 50 ? "met" : "MISSED"})`,
  );
  await metadata.close();

  // Each fault: start-up with the default timeout (1000 ms), tracing on.
  const faultRuns = Math.max(3, Math.floor(RUNS / 3));
  console.log(
    `\nFault cases, --import and --require, default timeout, median of ${faultRuns} runs`,
  );
  console.log(
    "| metadata endpoint | --import wall ms | --require wall ms | +wall vs healthy (import / require) |",
  );
  console.log("|---|---:|---:|---:|");
  const healthyImport = stats.get("--import @logtrace/bootstrap").wallMs;
  const healthyRequire = stats.get("--require @logtrace/bootstrap").wallMs;
  for (const fault of ECS_METADATA_FAULTS) {
    const server = await startFakeEcsMetadata({ fixture: "fargate-awslogs", fault });
    const faultEnv = { ...server.env, ...otlp.env, OTEL_RESOURCE_ATTRIBUTES: "service.name=bench" };
    const times = { import: [], require: [] };
    for (let run = 0; run < faultRuns; run += 1) {
      times.import.push((await runOnce(["--import", "@logtrace/bootstrap"], faultEnv)).wallMs);
      times.require.push((await runOnce(["--require", "@logtrace/bootstrap"], faultEnv)).wallMs);
    }
    await server.close();
    const mi = median(times.import);
    const mr = median(times.require);
    console.log(
      `| ${fault} | ${mi.toFixed(0)} | ${mr.toFixed(0)} | ${(mi - healthyImport).toFixed(0)} / ${(mr - healthyRequire).toFixed(0)} |`,
    );
  }
  await otlp.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
