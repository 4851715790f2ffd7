// The packages a release publishes: every packages/*/package.json not marked private, found by
// glob, in an order where each comes after the workspace packages it depends on.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const INSTALL_DEPENDENCY_FIELDS = ["dependencies", "peerDependencies", "optionalDependencies"];

/** Public packages as `{ name, version, dir, manifest }`, dependencies first. */
export function publicPackages(root) {
  const packagesDir = join(root, "packages");
  const found = readdirSync(packagesDir)
    .map((entry) => join(packagesDir, entry))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      return { name: manifest.name, version: manifest.version, dir, manifest };
    })
    .filter((pkg) => !pkg.manifest.private);
  return dependencyOrder(found);
}

function dependencyOrder(packages) {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const ordered = [];
  const state = new Map(); // name → "visiting" | "done"
  const visit = (pkg, path) => {
    if (state.get(pkg.name) === "done") return;
    if (state.get(pkg.name) === "visiting") {
      throw new Error(`dependency cycle: ${[...path, pkg.name].join(" → ")}`);
    }
    state.set(pkg.name, "visiting");
    for (const field of INSTALL_DEPENDENCY_FIELDS) {
      for (const name of Object.keys(pkg.manifest[field] ?? {}).sort()) {
        const dependency = byName.get(name);
        if (dependency) visit(dependency, [...path, pkg.name]);
      }
    }
    state.set(pkg.name, "done");
    ordered.push(pkg);
  };
  for (const pkg of [...packages].sort((a, b) => a.name.localeCompare(b.name))) visit(pkg, []);
  return ordered;
}
