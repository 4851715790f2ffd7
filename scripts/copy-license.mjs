// Runs as the root `prepare` (every install): puts the root LICENSE into each public package
// under packages/ (found by glob), so `pnpm pack`, `npm pack` and both publishes ship it. The copies
// are git-ignored; check-packages.mjs fails when a tarball lacks it or holds another text.
import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const packagesDir = join(root, "packages");

for (const dir of readdirSync(packagesDir)) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(packagesDir, dir, "package.json"), "utf8"));
  } catch {
    continue;
  }
  if (!manifest.private) copyFileSync(join(root, "LICENSE"), join(packagesDir, dir, "LICENSE"));
}
