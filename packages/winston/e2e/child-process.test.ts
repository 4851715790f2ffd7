import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";

// The package as users load it: built dist/, resolved by name, in a separate Node process, from
// CommonJS, from an ES module, and bundled by esbuild into one file run from an empty directory
// (no node_modules: where require hooks of the stock instrumentation cannot work).

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const outside = mkdtempSync(join(tmpdir(), "logtrace-winston-e2e-"));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

function run(file: string, cwd: string) {
  const result = spawnSync(process.execPath, [file], { cwd, encoding: "utf8", timeout: 30_000 });
  expect(result.status, result.stderr).toBe(0);
  const records = result.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const expected = JSON.parse(result.stderr.trim().split("\n").at(-1) as string) as {
    traceId: string;
    spanId: string;
  };
  return { records, expected };
}

async function bundle(format: "cjs" | "esm") {
  const extension = format === "esm" ? "mjs" : "cjs";
  const outfile = join(outside, `app.bundle.${extension}`);
  await build({
    entryPoints: [join(fixtures, `app.${extension}`)],
    bundle: true,
    platform: "node",
    format,
    outfile,
    logLevel: "error",
    // Bundled CommonJS dependencies call require() for Node built-ins.
    banner:
      format === "esm"
        ? {
            js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
          }
        : {},
  });
  return outfile;
}

const apps: [string, () => Promise<{ file: string; cwd: string }>][] = [
  ["CommonJS", async () => ({ file: join(fixtures, "app.cjs"), cwd: fixtures })],
  ["ES module", async () => ({ file: join(fixtures, "app.mjs"), cwd: fixtures })],
  ["esbuild bundle (cjs)", async () => ({ file: await bundle("cjs"), cwd: outside })],
  ["esbuild bundle (esm)", async () => ({ file: await bundle("esm"), cwd: outside })],
];

describe("@logtrace/winston in a real process", () => {
  it.each(apps)(
    "%s: the line inside a span carries it, the one outside nothing",
    async (_n, app) => {
      const { file, cwd } = await app();
      const { records, expected } = run(file, cwd);
      expect(records).toHaveLength(2);
      expect(records[0]).toMatchObject({
        message: "inside a span",
        step: 1,
        reqId: 1,
        service: expect.stringMatching(/^e2e-/),
        trace_id: expected.traceId,
        span_id: expected.spanId,
        trace_flags: "01",
      });
      expect(records[1]).toMatchObject({ message: "outside a span" });
      expect(records[1]).not.toHaveProperty("trace_id");
    },
  );
});
