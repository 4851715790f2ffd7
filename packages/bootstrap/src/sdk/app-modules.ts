import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { basename, dirname, join } from "node:path";

/**
 * What the app can load, found with file-system look-ups only (nothing is loaded): the
 * `node_modules` directories Node searches from the app's directory, and those it searches from
 * each dependency the app declares. A framework's own dependency then counts (NestJS →
 * @nestjs/platform-express → express), in npm's flat layout and in pnpm's linked one alike;
 * pnpm's hidden hoisting directory does not.
 */
export interface AppModules {
  /** The app's directory. */
  dir: string;
  /** `node_modules` directories above the app, nearest first: what `require` from the app sees. */
  appNodeModules: string[];
  /** Those, then the ones above each declared dependency's real directory. */
  reachableNodeModules: string[];
}

const BUILTINS = new Set(builtinModules);

/** Where the app lives: the main script's directory, else the working directory. */
export function appDirectory(): string {
  const main = process.argv[1];
  if (main) {
    try {
      return dirname(realpathSync(main));
    } catch {
      // `node -e`, a REPL, or a main that is not a file.
    }
  }
  return process.cwd();
}

export function appModules(appDir: string): AppModules {
  const appNodeModules = nodeModulesAbove(appDir);
  const reachable = new Set(appNodeModules);
  for (const name of declaredDependencies(appDir)) {
    const found = packageDir(name, appNodeModules);
    if (found === undefined) continue;
    for (const dir of nodeModulesAbove(found, reachable)) reachable.add(dir);
  }
  return { dir: appDir, appNodeModules, reachableNodeModules: [...reachable] };
}

/**
 * True when the app can load `name`: a builtin, or a package found from the app or from one of
 * its declared dependencies. A name ending in `/` is a scope: any package in it counts.
 */
export function appHas(name: string, app: AppModules): boolean {
  const bare = name.startsWith("node:") ? name.slice(5) : name;
  if (BUILTINS.has(bare)) return true;
  if (name.endsWith("/")) {
    return app.reachableNodeModules.some((dir) => listDir(join(dir, name)).length > 0);
  }
  return packageDir(name, app.reachableNodeModules) !== undefined;
}

/** The real directory of package `name` in the first of `nodeModulesDirs` that has it. */
export function packageDir(name: string, nodeModulesDirs: string[]): string | undefined {
  for (const dir of nodeModulesDirs) {
    const candidate = join(dir, name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
  }
  return undefined;
}

export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * The existing `node_modules` directories Node searches from `fromDir`, nearest first; stops at
 * the first one already in `known` (the rest of the way up is known too).
 */
function nodeModulesAbove(fromDir: string, known: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  for (let dir = fromDir; ; dir = dirname(dir)) {
    // pnpm's `.pnpm/node_modules` holds every package of the store, hoisted for packages that
    // load what they do not declare: what is only there is not something the app uses.
    if (basename(dir) !== "node_modules" && basename(dir) !== ".pnpm") {
      const candidate = join(dir, "node_modules");
      if (known.has(candidate)) break;
      if (isDirectory(candidate)) found.push(candidate);
    }
    if (dirname(dir) === dir) break;
  }
  return found;
}

/** Every dependency field of the nearest package.json at or above `appDir`. */
function declaredDependencies(appDir: string): string[] {
  for (let dir = appDir; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        const json = JSON.parse(readFileSync(manifest, "utf8"));
        return ["dependencies", "optionalDependencies", "devDependencies"].flatMap((field) =>
          Object.keys(json[field] ?? {}),
        );
      } catch {
        return [];
      }
    }
    if (dirname(dir) === dir) return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
