// An adapter as users load it: its built dist/, resolved by name, in a separate Node process —
// from CommonJS, from an ES module, and bundled by esbuild into one file run from an empty
// directory (no node_modules there: where require hooks of the stock instrumentations fail).
//
// Fixture convention: `app.cjs` and `app.mjs` in one folder log JSON lines on stdout and print,
// as the last line on stderr, the JSON span context they logged in.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

export interface AppRun {
  /** The JSON lines the app wrote on stdout. */
  records: Record<string, unknown>[];
  /** The span context the app printed last on stderr. */
  span: { traceId: string; spanId: string };
}

export type ModuleSystemRun = readonly [name: string, run: () => Promise<AppRun>];

function runApp(file: string, cwd: string): AppRun {
  const result = spawnSync(process.execPath, [file], { cwd, encoding: "utf8", timeout: 30_000 });
  if (result.status !== 0) {
    throw new Error(`${file} exited with ${result.status ?? result.signal}:\n${result.stderr}`);
  }
  const records = result.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const span = JSON.parse(result.stderr.trim().split("\n").at(-1) as string) as AppRun["span"];
  return { records, span };
}

export interface ModuleSystemOptions {
  /** Modules the bundles leave out (e.g. an optional native module the logger runs without). */
  external?: string[];
}

async function bundle(
  entry: string,
  format: "cjs" | "esm",
  outside: string,
  external: string[],
): Promise<string> {
  const outfile = join(outside, `app.bundle.${format === "esm" ? "mjs" : "cjs"}`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node22",
    format,
    outfile,
    logLevel: "error",
    external,
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

/** The fixture app of `fixturesDir` run four ways, as `[name, run]` pairs for `it.each`. */
export function moduleSystemRuns(
  fixturesDir: string,
  { external = [] }: ModuleSystemOptions = {},
): ModuleSystemRun[] {
  const cjs = join(fixturesDir, "app.cjs");
  const esm = join(fixturesDir, "app.mjs");
  const outside = () => mkdtempSync(join(tmpdir(), "logtrace-bundle-"));
  return [
    ["CommonJS", async () => runApp(cjs, fixturesDir)],
    ["ES module", async () => runApp(esm, fixturesDir)],
    [
      "esbuild bundle (cjs)",
      async () => {
        const dir = outside();
        return runApp(await bundle(cjs, "cjs", dir, external), dir);
      },
    ],
    [
      "esbuild bundle (esm)",
      async () => {
        const dir = outside();
        return runApp(await bundle(esm, "esm", dir, external), dir);
      },
    ],
  ];
}
