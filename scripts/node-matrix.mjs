// `npm run test:matrix`: every public package's tests (src/ and e2e/) on each Node build its
// `engines.node` names (scripts/node-builds.mjs). Builds come from npm's `node` package. Quiet
// unless something fails; prints one table (package × Node build) and exits 1 on any failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, relative } from "node:path";
import { matrixPlan, root } from "./node-builds.mjs";

const cacheDir = join(root, "node_modules", ".cache", "node-matrix");
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const runDeadlineMs = 20 * 60_000;

/** The `node` binary of this exact version: the root's own if it matches, else fetched once. */
function nodeBinary(version) {
  const rootNode = join(root, "node_modules", "node");
  const rootVersion = JSON.parse(readFileSync(join(rootNode, "package.json"), "utf8")).version;
  if (rootVersion === version) return join(rootNode, "bin", "node");

  const prefix = join(cacheDir, version);
  const binary = join(prefix, "node_modules", "node", "bin", "node");
  const reports = (bin) => spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout?.trim();
  if (existsSync(binary) && reports(binary) === `v${version}`) return binary;
  mkdirSync(prefix, { recursive: true });
  const install = spawnSync(
    "npm",
    [
      "install",
      "--prefix",
      prefix,
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
    ].concat(["--loglevel=error", `node@${version}`]),
    { encoding: "utf8", timeout: 5 * 60_000 },
  );
  if (install.status !== 0 || reports(binary) !== `v${version}`) {
    throw new Error(`could not fetch node@${version}:\n${install.stdout}${install.stderr}`);
  }
  return binary;
}

/** One vitest run of these packages under this Node; counts per package from its JSON report. */
function runOn(version, entries) {
  const binary = nodeBinary(version);
  const outDir = mkdtempSync(join(tmpdir(), "logtrace-matrix-"));
  const report = join(outDir, "report.json");
  try {
    const filters = entries.map((entry) => `packages/${entry.dir}/`);
    const run = spawnSync(
      binary,
      [vitest, "run", ...filters, "--reporter=dot", "--reporter=json"].concat(
        `--outputFile.json=${report}`,
      ),
      {
        cwd: root,
        encoding: "utf8",
        timeout: runDeadlineMs,
        maxBuffer: 64 * 1024 * 1024,
        // Child processes the tests start as `node` get the same build.
        env: { ...process.env, PATH: `${dirname(binary)}${delimiter}${process.env.PATH}` },
      },
    );
    const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
    const counts = new Map(
      entries.map((entry) => [entry.dir, { passed: 0, failed: 0, skipped: 0 }]),
    );
    let parsed;
    try {
      parsed = JSON.parse(readFileSync(report, "utf8"));
    } catch {
      parsed = { testResults: [] };
    }
    for (const file of parsed.testResults) {
      const dir = relative(join(root, "packages"), file.name).split(/[\\/]/)[0];
      const count = counts.get(dir);
      if (!count) continue;
      const passed = file.assertionResults.filter((test) => test.status === "passed").length;
      const failed = file.assertionResults.filter((test) => test.status === "failed").length;
      count.passed += passed;
      // A declared skip (it.skipIf with its reason) is counted and shown; a vanished test is not.
      count.skipped += file.assertionResults.filter(
        (test) => test.status === "skipped" || test.status === "pending",
      ).length;
      // A file that fails to load has no test results: count it as one failure.
      count.failed += failed || (file.status === "failed" ? 1 : 0);
    }
    const ok = run.status === 0 && [...counts.values()].every((count) => count.failed === 0);
    return { counts, ok, output: run.error ? `${run.error.message}\n${output}` : output };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const started = Date.now();
const plan = matrixPlan();
const problems = plan.flatMap((entry) => entry.problems.map((p) => `${entry.name}: ${p}`));
const versions = [...new Set(plan.flatMap((entry) => entry.versions))].sort(
  (a, b) => Number(a.split(".")[0]) - Number(b.split(".")[0]),
);

const results = new Map(); // `${dir}@${version}` -> { passed, failed }
const failedRuns = [];
for (const version of versions) {
  const entries = plan.filter((entry) => entry.versions.includes(version));
  let outcome;
  try {
    outcome = runOn(version, entries);
  } catch (error) {
    failedRuns.push(`Node ${version}: ${error.message}`);
    continue;
  }
  for (const [dir, count] of outcome.counts) results.set(`${dir}@${version}`, count);
  if (!outcome.ok) failedRuns.push(`Node ${version}:\n${outcome.output.trim()}`);
}

// A package must run the same tests on every build: none may vanish or error out on one.
for (const entry of plan) {
  const counts = entry.versions.map((version) => results.get(`${entry.dir}@${version}`));
  const ran = counts.map((count) => (count ? count.passed + count.failed + count.skipped : 0));
  if (counts.some((count) => !count || count.passed + count.failed === 0))
    problems.push(`${entry.name}: no tests ran on some Node build`);
  else if (new Set(ran).size > 1) {
    problems.push(`${entry.name}: different numbers of tests ran per build (${ran.join(", ")})`);
  }
}

const header = ["package", ...versions.map((version) => `Node ${version}`)];
const rows = plan.map((entry) => [
  entry.name,
  ...versions.map((version) => {
    if (!entry.versions.includes(version)) return "-";
    const count = results.get(`${entry.dir}@${version}`);
    if (!count) return "not run";
    const skipped = count.skipped ? `, ${count.skipped} skipped` : "";
    return count.failed
      ? `${count.passed} passed${skipped}, ${count.failed} FAILED`
      : `${count.passed} passed${skipped}`;
  }),
]);
const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join("  ");

for (const run of failedRuns) console.error(`${run}\n`);
for (const problem of problems) console.error(problem);
console.log([line(header), ...rows.map(line)].join("\n"));
console.log(`(${Math.round((Date.now() - started) / 1000)} s)`);
if (failedRuns.length > 0 || problems.length > 0) process.exit(1);
