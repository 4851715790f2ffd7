// Step 1: each adapter installed from the registry next to its logger and a real OpenTelemetry
// SDK, and its README's 30-second example run as a user would: CommonJS, ESM, and TypeScript
// compiled by tsc under `module: node16` (ESM and CommonJS files) and `moduleResolution: bundler`.
// Each run is a child process inside an active span; every line it prints must carry that span.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./processes.mjs";
import { firstCodeBlock, readReadme, toCommonJs } from "./readme.mjs";
import { createApp, npmInstall } from "./temp-app.mjs";

const RUN_TIMEOUT_MS = 30_000;
const COMPILE_TIMEOUT_MS = 120_000;
const TRACING_PACKAGES = [
  "@opentelemetry/api",
  "@opentelemetry/sdk-trace",
  "@opentelemetry/context-async-hooks",
];

const COMPILER_OPTIONS = {
  target: "es2022",
  strict: true,
  esModuleInterop: true,
  skipLibCheck: false,
  types: ["node"],
  rootDir: ".",
  outDir: "out",
};

/** The TypeScript builds of the snippet: a tsconfig each, and the files tsc emits to run. */
const TYPESCRIPT_BUILDS = [
  {
    name: "node16",
    compilerOptions: { module: "node16", moduleResolution: "node16" },
    sources: { "snippet.mts": "out/snippet.mjs", "snippet.cts": "out/snippet.cjs" },
  },
  {
    name: "bundler",
    compilerOptions: { module: "esnext", moduleResolution: "bundler" },
    sources: { "snippet.ts": "out/snippet.js" },
    // Emitted .js files are ES modules.
    outPackageJson: { type: "module" },
  },
];

/** Adapters: public packages built on @logtrace/core, each with the logger it serves (an optional peer). */
export function adapters(packages) {
  return packages
    .filter((pkg) => pkg.manifest.dependencies?.["@logtrace/core"] !== undefined)
    .flatMap((pkg) => {
      const optional = Object.entries(pkg.manifest.peerDependenciesMeta ?? {});
      return optional
        .filter(([, meta]) => meta.optional)
        .map(([logger]) => ({ name: pkg.name, dir: pkg.dir, logger }));
    });
}

/** Problems with a run's output: every stdout line must carry the span printed on stderr. */
export function spanProblems(result) {
  if (!result.ok) return [result.output];
  const span = result.stderr.match(/^SPAN (\{.*\})$/m)?.[1];
  if (!span) return [`no SPAN line on stderr:\n${result.output}`];
  const expected = JSON.parse(span);
  const lines = result.stdout.split("\n").filter((line) => line.trim() !== "");
  if (lines.length === 0) return [`no log line printed:\n${result.output}`];
  const problems = [];
  for (const line of lines) {
    let record;
    try {
      record = JSON.parse(line);
    } catch {
      problems.push(`not a JSON log line: ${line}`);
      continue;
    }
    for (const [key, value] of Object.entries(expected)) {
      if (record[key] !== value)
        problems.push(`${key} ${record[key]} instead of ${value}: ${line}`);
    }
  }
  return problems;
}

function hasOwnTypes(appDir, name) {
  const manifest = JSON.parse(
    readFileSync(join(appDir, "node_modules", name, "package.json"), "utf8"),
  );
  return (
    Boolean(manifest.types || manifest.typings) ||
    existsSync(join(appDir, "node_modules", name, "index.d.ts"))
  );
}

function writeTypeScriptBuild(appDir, build, snippet) {
  const dir = join(appDir, `ts-${build.name}`);
  mkdirSync(join(dir, "out"), { recursive: true });
  for (const source of Object.keys(build.sources)) writeFileSync(join(dir, source), snippet);
  const tsconfig = {
    compilerOptions: { ...COMPILER_OPTIONS, ...build.compilerOptions },
    files: Object.keys(build.sources),
  };
  writeFileSync(join(dir, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
  if (build.outPackageJson) {
    writeFileSync(join(dir, "out", "package.json"), JSON.stringify(build.outPackageJson));
  }
  return dir;
}

/**
 * Runs step 1 for one adapter. Returns `{ checks, installs }`: `checks` one `{ name, problems }`
 * per way the snippet ran, `installs` the npm installs it made (for the peer-warning check).
 */
export async function checkAdapterSnippet({ adapter, parent, registryUrl, env, typescriptRange }) {
  const where = `${adapter.name} README`;
  const snippet = firstCodeBlock(readReadme(join(adapter.dir, "README.md")), "js", where);
  const appDir = createApp({ parent, registryUrl, label: adapter.logger });
  const installs = [];
  const failed = (name, output) => ({ checks: [{ name, problems: [output] }], installs, appDir });

  const install = await npmInstall(
    appDir,
    [adapter.name, adapter.logger, ...TRACING_PACKAGES],
    env,
  );
  installs.push({ what: `${adapter.name} + ${adapter.logger} + OpenTelemetry`, ...install });
  if (!install.ok) return failed(`install ${adapter.name}`, install.output);

  const typePackages = [`typescript@${typescriptRange}`, "@types/node"];
  if (!hasOwnTypes(appDir, adapter.logger)) typePackages.push(`@types/${adapter.logger}`);
  const types = await npmInstall(appDir, typePackages, env);
  installs.push({ what: `TypeScript for ${adapter.name}`, ...types });
  if (!types.ok) return failed(`install ${typePackages.join(" ")}`, types.output);

  copyFileSync(join(import.meta.dirname, "fixtures", "in-span.mjs"), join(appDir, "in-span.mjs"));
  writeFileSync(join(appDir, "snippet.cjs"), toCommonJs(snippet, where));
  writeFileSync(join(appDir, "snippet.mjs"), snippet);
  const runs = [
    { name: "CommonJS", file: "snippet.cjs" },
    { name: "ESM", file: "snippet.mjs" },
  ];
  const checks = [];
  const tsc = join(appDir, "node_modules", ".bin", "tsc");
  for (const build of TYPESCRIPT_BUILDS) {
    const dir = writeTypeScriptBuild(appDir, build, snippet);
    const compiled = await run(tsc, ["-p", dir], {
      cwd: appDir,
      env,
      timeoutMs: COMPILE_TIMEOUT_MS,
    });
    if (!compiled.ok) {
      checks.push({ name: `TypeScript ${build.name}: tsc`, problems: [compiled.output] });
      continue;
    }
    for (const [source, output] of Object.entries(build.sources)) {
      const kind = source.endsWith(".cts") ? "CommonJS" : "ESM";
      runs.push({ name: `TypeScript ${build.name} (${kind})`, file: join(dir, output) });
    }
  }
  for (const { name, file } of runs) {
    const result = await run(process.execPath, ["in-span.mjs", file], {
      cwd: appDir,
      env,
      timeoutMs: RUN_TIMEOUT_MS,
    });
    checks.push({ name, problems: spanProblems(result) });
  }
  return { checks, installs, appDir };
}
