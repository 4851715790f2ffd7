import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";

/** App trees on disk for the tests, outside the repo (whose node_modules would be found). */
export function makeTrees() {
  const made: string[] = [];
  return {
    dir(prefix: string): string {
      const dir = mkdtempSync(join(tmpdir(), `logtrace-${prefix}-`));
      made.push(dir);
      return dir;
    },
    remove(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A package directory with a package.json (and an index.js when given). */
export function writePackage(dir: string, name: string, index?: string): void {
  writeFile(
    join(dir, "package.json"),
    JSON.stringify({ name, version: "1.0.0", main: "index.js" }),
  );
  if (index !== undefined) writeFile(join(dir, "index.js"), index);
}

/** A relative symbolic link at `path` to `target`, as pnpm makes them. */
export function link(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(relative(dirname(path), target), path, "dir");
}
