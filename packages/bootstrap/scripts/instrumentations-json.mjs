// Writes instrumentations.json, shipped as @logtrace/bootstrap/instrumentations.json (at the
// package root, where node10 resolution finds it): which instrumentation package covers which
// modules, and which of them this package installs. Read by
// `logtrace doctor` from the bootstrap installed in the app, so that the CLI needs no copy of it.
// Sources: our dependencies (the default set), @opentelemetry/auto-instrumentations-node's (the
// wider catalogue, a devDependency) and src/sdk/instrumentation-rules.json (target modules).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PREFIX = "@opentelemetry/instrumentation-";
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const instrumentationDependencies = (manifest) =>
  Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith(PREFIX));

const own = readJson(join(root, "package.json"));
const rules = readJson(join(root, "src/sdk/instrumentation-rules.json"));
/** A package's manifest, found above its main file (its exports hide ./package.json). */
function manifestOf(name) {
  let dir = dirname(createRequire(join(root, "package.json")).resolve(name));
  for (; dirname(dir) !== dir; dir = dirname(dir)) {
    try {
      const manifest = readJson(join(dir, "package.json"));
      if (manifest.name === name) return manifest;
    } catch {
      // No package.json here.
    }
  }
  throw new Error(`package.json of ${name} not found`);
}
const auto = manifestOf("@opentelemetry/auto-instrumentations-node");
const defaults = new Set(instrumentationDependencies(own));
const packages = {};
for (const name of [...new Set([...defaults, ...instrumentationDependencies(auto)])].sort()) {
  const short = name.slice(PREFIX.length);
  packages[name] = {
    name: short,
    modules: rules.targets[short] ?? [short],
    default: defaults.has(name),
    install: `npm install ${name}`,
  };
}
for (const [name, other] of Object.entries(rules.otherInstrumentations)) {
  const { modules, install, coveredByBootstrap = false } = other;
  packages[name] = { name, modules, default: coveredByBootstrap, install };
}
const catalogue = {
  schema: "logtrace.instrumentations/1",
  version: own.version,
  packages,
  always: rules.always,
  offByDefault: rules.offByDefault,
  loggers: rules.loggers,
};
writeFileSync(join(root, "instrumentations.json"), `${JSON.stringify(catalogue, null, 2)}\n`);
