import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { DEMO_ROUTES, type DemoResult } from "../src/demo.js";
import { renderDemo } from "../src/demo-view.js";
import { taskMetadataFixture } from "../src/task-definition.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

it("npm run demo -- --json: every trace arrives with its log lines, all correlated", () => {
  // The real entry, as `npm run demo` runs it after the build.
  const run = spawnSync(process.execPath, ["scripts/demo.mjs", "--json"], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout) as DemoResult;

  expect(result.correlated, result.problems.join("\n")).toBe(true);
  expect(result.problems).toEqual([]);
  expect(result.traces.map((trace) => trace.request.path).sort()).toEqual(
    [...DEMO_ROUTES, ...DEMO_ROUTES].sort(),
  );
  expect(result.resource).toMatchObject({
    "service.name": "express-pino",
    "aws.log.group.names": taskMetadataFixture().expected.logGroupNames.join("&"),
  });
  for (const trace of result.traces) {
    expect(trace.spans[0]).toMatchObject({ branch: "", kind: "SERVER" });
    // The lean span set: the server span and its client spans, no middleware or handler spans.
    expect(trace.spans.filter((span) => span.kind === "INTERNAL")).toEqual([]);
    expect(trace.logs.length).toBeGreaterThan(0);
    // Every line names a span of its own trace.
    for (const log of trace.logs) expect(log.spanName).toBeDefined();
  }
  const crash = result.traces.find((trace) => trace.request.path === "/crash");
  expect(crash?.logs.map((log) => log.error)).toContain(
    "Application crash test - intentional exception",
  );

  const view = renderDemo(result).split("\n");
  expect(view).toContain(`  aws.log.group.names          /apps/express-pino`);
  expect(view).toContain(`8 traces, ${result.logLines} log lines, all correlated`);
  expect(view.filter((line) => line.startsWith("trace "))).toHaveLength(8);
});
