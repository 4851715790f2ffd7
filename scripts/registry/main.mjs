// `npm run test:registry`: the packages as users get them. Publishes every public package to a
// real registry (Verdaccio on loopback), then, in apps outside the repository that take only
// @logtrace from it: runs each adapter README's example (CommonJS, ESM, TypeScript), the Express
// example copied as its README says under real tracing, `npx @logtrace/cli doctor`, and measures
// installed sizes against the stock alternative. Quiet until the report; exit 1 on any failure.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { adapters, checkAdapterSnippet } from "./adapter-snippets.mjs";
import { checkCliDoctor } from "./cli-doctor.mjs";
import { checkExpressExample } from "./express-example.mjs";
import { measureInstallSizes } from "./install-sizes.mjs";
import { killAll } from "./processes.mjs";
import { publishAll } from "./publish.mjs";
import { printReport } from "./report.mjs";
import { userEnvironment } from "./temp-app.mjs";
import { startVerdaccio } from "./verdaccio.mjs";
import { publicPackages } from "./workspace-packages.mjs";

const RUN_DEADLINE_MS = 15 * 60_000;
const root = resolve(import.meta.dirname, "../..");
// Knobs of this script, which turbo does not run: REGISTRY_SKIP_SIZE=1 leaves out step 4 (while
// the size targets are out of reach), REGISTRY_KEEP_APPS=1 keeps the apps to look into.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: not a turbo task's input.
const skipSizes = process.env.REGISTRY_SKIP_SIZE === "1";
// biome-ignore lint/suspicious/noUndeclaredEnvVars: not a turbo task's input.
const keepApps = process.env.REGISTRY_KEEP_APPS === "1";

// One npm cache for every install of every run (most packages come from the public registry).
// npx keeps what it ran there too: cleared, so the CLI comes from this run's registry.
const npmCache = join(tmpdir(), "logtrace-registry-npm-cache");
rmSync(join(npmCache, "_npx"), { recursive: true, force: true });
const work = mkdtempSync(join(tmpdir(), "logtrace-registry-"));

function cleanUp() {
  killAll();
  if (!keepApps) rmSync(work, { recursive: true, force: true });
}
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
]) {
  process.once(signal, () => {
    console.error(`registry test: ${signal}, stopping`);
    cleanUp();
    process.exit(code);
  });
}
const deadline = setTimeout(() => {
  console.error(`registry test: not done after ${RUN_DEADLINE_MS / 60_000} minutes, stopping`);
  cleanUp();
  process.exit(1);
}, RUN_DEADLINE_MS);
deadline.unref();

/** Steps in report order: `{ name, seconds, checks: [{ name, problems }] }` or `skipped`. */
const steps = [];
const ourInstalls = [];
let sizeRows = [];
let registry;
const started = performance.now();

/** Runs `task` (resolving to `{ checks, installs? }`), and adds its step to the report. */
async function step(name, task, begun = performance.now()) {
  const result = await task();
  steps.push({ name, seconds: (performance.now() - begun) / 1000, checks: result.checks });
  ourInstalls.push(...(result.installs ?? []));
  return result;
}

try {
  const packages = publicPackages(root);
  registry = await startVerdaccio(join(work, "verdaccio"));
  const registryUrl = registry.url;
  const published = await step("publish", async () => {
    const result = await publishAll({ packages, registryUrl, workDir: work, env: process.env });
    const names = packages.map((p) => `${p.name}@${p.version}`).join(", ");
    const problems = result.ok ? [] : [result.output, registry.output()];
    return {
      ok: result.ok,
      checks: [{ name: `pnpm publish, dependencies first: ${names}`, problems }],
    };
  });
  if (!published.ok) throw new Error("nothing published, nothing to install");

  const env = userEnvironment(npmCache);
  const adapterList = adapters(packages);
  // The size installs wait on the network more than on the CPU: they run beside steps 1-3.
  const sizesBegun = performance.now();
  const sizes = skipSizes
    ? undefined
    : measureInstallSizes({ adapters: adapterList, parent: work, registryUrl, env }).catch(
        (error) => ({ rows: [], checks: [{ name: "measured", problems: [error.stack] }] }),
      );
  const typescriptRange = JSON.parse(readFileSync(join(root, "package.json"), "utf8"))
    .devDependencies.typescript;
  await Promise.all(
    adapterList.map((adapter) =>
      step(`${adapter.name}: README example in a span`, () =>
        checkAdapterSnippet({ adapter, parent: work, registryUrl, env, typescriptRange }),
      ),
    ),
  );
  const express = await step("Express example, copied as its README says", () =>
    checkExpressExample({
      exampleDir: join(root, "examples", "express-pino"),
      parent: work,
      registryUrl,
      env,
    }),
  );
  const pino = packages.find((p) => p.name === "@logtrace/pino");
  await step("npx @logtrace/cli doctor --json in the copied app", async () => {
    const expected = { logger: "pino", adapter: pino.name, version: pino.version };
    const doctor = await checkCliDoctor({ appDir: express.appDir, env, expected });
    return {
      checks: [{ name: `finds pino and ${pino.name}@${pino.version}`, problems: doctor.problems }],
      installs: [doctor.install],
    };
  });
  if (sizes) {
    const measured = await step("installed sizes", () => sizes, sizesBegun);
    sizeRows = measured.rows;
  } else {
    steps.push({ name: "installed sizes", skipped: "REGISTRY_SKIP_SIZE=1" });
  }
} catch (error) {
  steps.push({ name: "registry test", checks: [{ name: "ran", problems: [error.stack] }] });
} finally {
  await registry?.stop();
  cleanUp();
}

// The same warnings from several installs are listed once, with every install that printed them.
const installsByWarnings = new Map();
for (const install of ourInstalls.filter((each) => each.peerWarnings.length > 0)) {
  const text = install.peerWarnings.join("\n");
  installsByWarnings.set(text, [...(installsByWarnings.get(text) ?? []), install.what]);
}
// The packages whose dependencies want what is not installed (`from node_modules/<package>`).
const wanting = [
  ...new Set(
    ourInstalls.flatMap((install) =>
      install.peerWarnings.flatMap((line) =>
        [...line.matchAll(/from node_modules\/((?:@[^/]+\/)?[^/,\s]+)/g)].map((match) => match[1]),
      ),
    ),
  ),
];
steps.push({
  name: "no peer-dependency warning in npm installs of our packages",
  checks: [
    {
      name: `${ourInstalls.length} installs${wanting.length > 0 ? `; ranges not met under ${wanting.join(", ")}` : ""}`,
      problems: [...installsByWarnings].map(([text, whats]) => `${whats.join("; ")}:\n${text}`),
    },
  ],
});

const failed = printReport({ steps, sizeRows, seconds: (performance.now() - started) / 1000 });
if (keepApps) console.log(`apps kept in ${work}`);
process.exit(failed ? 1 : 0);
