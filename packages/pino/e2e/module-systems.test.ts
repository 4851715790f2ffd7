import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";

// One app source, run three ways as its own process: native ESM `import`, CommonJS `require`
// (the source transformed by esbuild, so it loads @logtrace/pino's CJS build), and an esbuild
// bundle that inlines pino, @logtrace/pino and the SDK into one file run from an empty folder.
const here = fileURLToPath(new URL(".", import.meta.url));
const source = join(here, "fixtures", "traced-app.mjs");
const work = join(here, ".tmp");
mkdirSync(work, { recursive: true });
const bundleDir = mkdtempSync(join(tmpdir(), "logtrace-bundle-"));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

function runAndCheck(file: string, cwd: string) {
  const result = spawnSync(process.execPath, [file], { cwd, encoding: "utf8", timeout: 30_000 });
  expect(result.status, result.stderr).toBe(0);
  const span = JSON.parse(result.stderr.trim().split("\n").at(-1) as string);
  const records = result.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(records.map((r) => r.msg)).toEqual(["before any span", "inside span", "after await"]);
  expect(records[0]).not.toHaveProperty("trace_id");
  for (const record of records.slice(1)) {
    expect(record).toMatchObject({
      trace_id: span.traceId,
      span_id: span.spanId,
      trace_flags: "01",
    });
  }
  expect(records[2]).toMatchObject({ step: 2 });
}

describe("@logtrace/pino in a child process", () => {
  it("works under native ESM import", () => {
    runAndCheck(source, here);
  });

  it("works under CommonJS require", async () => {
    const cjs = join(work, "traced-app.cjs");
    await build({
      entryPoints: [source],
      outfile: cjs,
      format: "cjs",
      platform: "node",
      logLevel: "silent",
    });
    runAndCheck(cjs, here);
  });

  it("works when the app is bundled with esbuild", async () => {
    const outfile = join(bundleDir, "bundle.cjs");
    await build({
      entryPoints: [source],
      outfile,
      bundle: true,
      format: "cjs",
      platform: "node",
      target: "node22",
      logLevel: "silent",
    });
    runAndCheck(outfile, bundleDir);
  });
});
