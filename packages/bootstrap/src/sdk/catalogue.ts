import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type AppModules, listDir, packageDir } from "./app-modules.js";
import rules from "./instrumentation-rules.json" with { type: "json" };

export const INSTRUMENTATION_PREFIX = "@opentelemetry/instrumentation-";
const AUTO = "@opentelemetry/auto-instrumentations-node";
const BOOTSTRAP = "@logtrace/bootstrap";

/** Where an instrumentation package comes from; the first that offers it wins. */
export type CatalogueSource = "app" | "auto-instrumentations-node" | "bootstrap";

export interface CatalogueEntry {
  /** Short name (package suffix), e.g. `express`. */
  name: string;
  packageName: string;
  source: CatalogueSource;
  /** A package.json from which the package is required. */
  requireFrom: string;
}

/**
 * The instrumentations the app can have, by short name. No hand-kept list: the bootstrap's own
 * `@opentelemetry/instrumentation-*` dependencies (read from its package.json), every other such
 * package installed in the `node_modules` above the app (listed, not loaded), and, when the app
 * installed `@opentelemetry/auto-instrumentations-node`, that package's dependencies. When
 * several offer one, the app's own copy wins (what the app itself would `require`), then
 * auto-instrumentations-node's, then ours.
 */
export function instrumentationCatalogue(app: AppModules): Map<string, CatalogueEntry> {
  const catalogue = new Map<string, CatalogueEntry>();
  const add = (source: CatalogueSource, packageName: string, requireFrom: string) => {
    const name = packageName.slice(INSTRUMENTATION_PREFIX.length);
    if (!catalogue.has(name)) catalogue.set(name, { name, packageName, source, requireFrom });
  };
  for (const nodeModules of app.appNodeModules) {
    for (const entry of listDir(join(nodeModules, "@opentelemetry"))) {
      const packageName = `@opentelemetry/${entry}`;
      if (!packageName.startsWith(INSTRUMENTATION_PREFIX)) continue;
      add("app", packageName, join(nodeModules, packageName, "package.json"));
    }
  }
  const auto = packageDir(AUTO, app.appNodeModules);
  if (auto !== undefined) {
    const manifest = join(auto, "package.json");
    for (const name of instrumentationDependencies(manifest)) {
      add("auto-instrumentations-node", name, manifest);
    }
  }
  const own = ownManifest();
  for (const name of instrumentationDependencies(own)) add("bootstrap", name, own);
  // Code-unit order: localeCompare would load ICU's collation data (~9 MiB of RSS) at start-up.
  return new Map([...catalogue].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The `@opentelemetry/instrumentation-*` dependencies of a package.json. */
export function instrumentationDependencies(manifestPath: string): string[] {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  return Object.keys(manifest.dependencies ?? {}).filter((name) =>
    name.startsWith(INSTRUMENTATION_PREFIX),
  );
}

/** The modules whose presence turns instrumentation `name` on. */
export function targetModules(name: string): string[] {
  return (rules.targets as Record<string, string[]>)[name] ?? [name];
}

/** This package's package.json: the nearest one named @logtrace/bootstrap above this file. */
export function ownManifest(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    try {
      if (JSON.parse(readFileSync(manifest, "utf8")).name === BOOTSTRAP) return manifest;
    } catch {
      // No package.json here: keep going up.
    }
    if (dirname(dir) === dir) throw new Error(`${BOOTSTRAP}'s package.json not found`);
  }
}
