import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** One installed copy of a package: one directory on disk, however many links lead to it. */
export interface PackageCopy {
  name: string;
  version: string;
  /** Real path of the package directory. */
  dir: string;
  /** The first path (breadth-first) that led to it, e.g. `<root>/node_modules/pino`. */
  foundAt: string;
}

export interface InstalledPackages {
  /** The directory that was scanned. */
  root: string;
  all: readonly PackageCopy[];
  /** Every copy of `name`, in the order found (top-level copies first). */
  copies(name: string): PackageCopy[];
}

export interface ScanOptions {
  /** Also scan the `node_modules` of every ancestor, as Node's resolution would. */
  ancestors?: boolean;
  /** How deep to look for `node_modules` in the source tree (workspaces). Default 3. */
  sourceDepth?: number;
}

/** Upper bounds so that a pathological tree cannot make the doctor hang. */
const MAX_PACKAGES = 100_000;
const MAX_SOURCE_DIRS = 5_000;

/**
 * Finds every installed package under `root`: npm (flat and nested `node_modules`), pnpm
 * (`node_modules/.pnpm/<id>/node_modules/<name>` behind symlinks), workspaces (`node_modules`
 * below the root) and npm aliases (the name comes from each copy's package.json, not its folder).
 */
export function scanInstalledPackages(root: string, options: ScanOptions = {}): InstalledPackages {
  const seen = new Set<string>();
  const found: PackageCopy[] = [];
  const queue: string[] = [];

  const startDirs =
    basename(root) === "node_modules"
      ? [root]
      : nodeModulesInSourceTree(root, options.sourceDepth ?? 3);
  if (options.ancestors) {
    for (let dir = dirname(root); dir !== dirname(dir); dir = dirname(dir)) {
      startDirs.push(join(dir, "node_modules"));
    }
  }
  queue.push(...startDirs);

  // Breadth-first over node_modules folders, so that the first path to a copy is the shortest.
  for (let i = 0; i < queue.length && found.length < MAX_PACKAGES; i++) {
    const nodeModules = queue[i] as string;
    for (const packageDir of packageDirsIn(nodeModules)) {
      const real = realpath(packageDir);
      if (real === undefined || seen.has(real)) continue;
      seen.add(real);
      const manifest = readManifest(real);
      if (manifest === undefined) continue;
      found.push({
        name: manifest.name,
        version: manifest.version,
        dir: real,
        foundAt: packageDir,
      });
      const nested = join(real, "node_modules");
      if (isDirectory(nested)) queue.push(nested);
    }
  }

  const byName = new Map<string, PackageCopy[]>();
  for (const copy of found) {
    const list = byName.get(copy.name) ?? [];
    list.push(copy);
    byName.set(copy.name, list);
  }
  return { root, all: found, copies: (name) => [...(byName.get(name) ?? [])] };
}

/**
 * The package folders directly inside one node_modules folder, scoped ones included; pnpm's
 * store (`.pnpm/<id>/node_modules/*`) comes last, so that the app's own links are met first.
 */
function packageDirsIn(nodeModules: string): string[] {
  const dirs: string[] = [];
  const store: string[] = [];
  for (const entry of list(nodeModules)) {
    const path = join(nodeModules, entry);
    if (entry === ".pnpm") {
      for (const id of list(path)) {
        // `.pnpm/node_modules` holds pnpm's hoisted links; every other entry is `<id>/node_modules`.
        store.push(
          ...packageDirsIn(id === "node_modules" ? join(path, id) : join(path, id, "node_modules")),
        );
      }
    } else if (entry.startsWith(".")) {
      // .bin, .cache, .package-lock.json, .modules.yaml: not packages.
    } else if (entry.startsWith("@")) {
      for (const scoped of list(path)) dirs.push(join(path, scoped));
    } else {
      dirs.push(path);
    }
  }
  return [...dirs, ...store];
}

function nodeModulesInSourceTree(root: string, depth: number): string[] {
  const result: string[] = [];
  let level = [root];
  let visited = 0;
  for (let d = 0; d <= depth && level.length > 0; d++) {
    const next: string[] = [];
    for (const dir of level) {
      if (++visited > MAX_SOURCE_DIRS) return result;
      for (const entry of list(dir)) {
        const path = join(dir, entry);
        if (entry === "node_modules") {
          if (isDirectory(path)) result.push(path);
        } else if (!entry.startsWith(".") && d < depth && isDirectory(path)) {
          next.push(path);
        }
      }
    }
    level = next;
  }
  return result;
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function realpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined; // a dangling link
  }
}

function readManifest(dir: string): { name: string; version: string } | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as unknown;
    if (manifest === null || typeof manifest !== "object") return undefined;
    const { name, version } = manifest as { name?: unknown; version?: unknown };
    if (typeof name !== "string" || typeof version !== "string") return undefined;
    return { name, version };
  } catch {
    return undefined;
  }
}
