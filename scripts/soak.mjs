// `npm run test:soak`: the Express example under the preload against each collector a task
// meets (healthy, hanging, refusing, 500, slow, coming back), then SIGTERM as ECS sends it.
// Fails unless every run exits 0 within 5 s, a healthy collector gets every span, and failures
// are said in a few lines, never a stack. `--long`: 100 000 requests to a healthy and to a
// refused collector, and the peak RSS of the refused run within 1.2x of the healthy run's.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runSoak, SOAK_COLLECTORS } from "../tools/harness/dist/index.js";

const long = process.argv.includes("--long");
// --write: the table goes into the bootstrap README, between its soak-table markers.
const write = process.argv.includes("--write");
const README = new URL("../packages/bootstrap/README.md", import.meta.url);
const EXIT_WITHIN_S = 5;
const RSS_BOUND = 1.2;

// The long run is for the memory bound: a healthy collector against a refused one.
const collectors = long
  ? SOAK_COLLECTORS.filter(
      ({ fault }) => fault === undefined || (fault.kind === "refuse" && fault.forMs === undefined),
    )
  : SOAK_COLLECTORS;
const results = [];
for (const collector of collectors) {
  results.push(
    await runSoak({
      collector,
      requests: long ? 100_000 : 2_000,
      concurrency: long ? 50 : 20,
      minSeconds: 12,
    }),
  );
}

const rows = results.map((r) => [
  r.collector,
  r.failedRequests === 0 ? String(r.requests) : `${r.requests} (${r.failedRequests} failed)`,
  `${r.exitCode ?? r.signal}`,
  r.secondsToExit.toFixed(1),
  String(r.spansExported),
  r.spansDropped === undefined ? "?" : String(r.spansDropped),
  r.peakRssMiB.toFixed(1),
  r.warnings.length === 0
    ? "none"
    : r.warnings
        .map((w) =>
          w.replace("[logtrace] warning: ", "").replace(/http:\/\/127\.0\.0\.1:\d+/gu, "…"),
        )
        .join(" / "),
]);
const header = [
  "collector",
  "requests",
  "exit",
  "s to exit",
  "exported",
  "dropped",
  "peak RSS MiB",
  "[logtrace] warnings",
];
const table = [
  `| ${header.join(" | ")} |`,
  `|${header.map(() => "---").join("|")}|`,
  ...rows.map((row) => `| ${row.join(" | ")} |`),
].join("\n");
console.log(table);
if (write) {
  const readme = readFileSync(README, "utf8");
  const start = "<!-- soak-table -->\n";
  const end = "<!-- /soak-table -->";
  const before = readme.slice(0, readme.indexOf(start) + start.length);
  const after = readme.slice(readme.indexOf(end));
  const what = `Node ${process.version}, ${long ? "100 000" : "at least 2 000"} requests a collector, then SIGTERM:`;
  writeFileSync(README, `${before}\n${what}\n\n${table}\n\n${after}`);
  // The README is linted: lay the table out as the formatter would.
  execFileSync(fileURLToPath(new URL("../node_modules/.bin/biome", import.meta.url)), [
    "format",
    "--write",
    fileURLToPath(README),
  ]);
}

const problems = [];
for (const r of results) {
  if (r.exitCode !== 0) problems.push(`${r.collector}: exit ${r.exitCode ?? r.signal}, not 0`);
  // After 100 000 requests the app's own log backlog (pino's buffer, drained through a pipe this
  // busy process reads) sets the time to exit, healthy collector or not: the short run bounds it.
  if (!long && r.secondsToExit > EXIT_WITHIN_S) {
    problems.push(`${r.collector}: ${r.secondsToExit} s to exit`);
  }
  if (r.spansDropped === undefined)
    problems.push(`${r.collector}: no count of dropped spans at exit`);
  if (r.stackLines.length > 0)
    problems.push(`${r.collector}: a stack trace:\n${r.stackLines.join("\n")}`);
  // A first line, a first failed export, a recovery, and one a minute.
  const minutes = Math.ceil(r.seconds / 60) + 3;
  if (r.warnings.length > minutes)
    problems.push(`${r.collector}: ${r.warnings.length} warning lines`);
}
const named = (name) => results.find((r) => r.collector === name);
const healthy = named("healthy");
const refused = named("port refused");
const back = named("refused, back after 10 s");
if (healthy.spansDropped !== 0 || healthy.warnings.length > 0) {
  problems.push(
    `healthy: ${healthy.spansDropped} dropped, warnings ${healthy.warnings.join(" / ")}`,
  );
}
for (const r of results) {
  if (r !== healthy && r.spansDropped > 0 && r.warnings.length === 0) {
    problems.push(`${r.collector}: spans dropped, nothing said`);
  }
}
if (back && !back.warnings.some((w) => w.includes("again"))) {
  problems.push(`${back.collector}: recovery not said`);
}
if (back && back.spansExported === 0) {
  problems.push(`${back.collector}: nothing exported after it came back`);
}
if (long && refused.peakRssMiB > healthy.peakRssMiB * RSS_BOUND) {
  problems.push(
    `peak RSS refused ${refused.peakRssMiB} MiB > ${RSS_BOUND} x healthy ${healthy.peakRssMiB} MiB`,
  );
}
if (problems.length > 0) {
  console.error(`soak failed:\n${problems.join("\n")}`);
  process.exit(1);
}
console.log(`soak: ${results.length} collectors, every exit 0 within ${EXIT_WITHIN_S} s.`);
