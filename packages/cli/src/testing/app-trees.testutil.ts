import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root, for packing our own packages and for the run against the repo. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** One npm cache for every test tree and every run: the second install reads no network. */
const NPM_CACHE = join(tmpdir(), "logtrace-cli-npm-cache");
const INSTALL_TIMEOUT_MS = 240_000;

const made: string[] = [];

/** A fresh temporary directory, removed by `removeTempDirs()`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `logtrace-cli-${prefix}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The environment for a package manager child: none of the settings pnpm/npm exported to this
 * test run (they point at the monorepo), no preload, no prompts, quiet.
 */
function childEnv(): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !/^(npm_|pnpm_|PNPM_)/i.test(name),
  );
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(inherited),
    npm_config_cache: NPM_CACHE,
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    npm_config_loglevel: "error",
    CI: "true",
  };
  delete env.NODE_OPTIONS;
  return env;
}

function run(command: string, args: string[], cwd: string): void {
  try {
    execFileSync(command, args, {
      cwd,
      env: childEnv(),
      stdio: "pipe",
      timeout: INSTALL_TIMEOUT_MS,
      encoding: "utf8",
    });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${command} ${args.join(" ")} failed in ${cwd}: ${failure.message}\n${failure.stdout ?? ""}${failure.stderr ?? ""}`,
    );
  }
}

/**
 * Installs real packages from the npm registry with npm into `dir` (an app: writes its
 * package.json first). `specs` are npm install specs, `alias@npm:name@version` included.
 */
export function npmInstall(dir: string, specs: string[], manifest: Record<string, unknown> = {}) {
  writeJson(join(dir, "package.json"), {
    name: "app",
    version: "1.0.0",
    private: true,
    ...manifest,
  });
  run("npm", ["install", "--prefer-offline", "--no-package-lock", ...specs], dir);
}

/**
 * Same with pnpm (its `.pnpm` store layout and symlinks). Dependency build scripts stay
 * unapproved, as on a machine that never ran `pnpm approve-builds` (bunyan's optional
 * dtrace-provider then is simply not compiled).
 */
export function pnpmInstall(dir: string, specs: string[], manifest: Record<string, unknown> = {}) {
  writeJson(join(dir, "package.json"), {
    name: "app",
    version: "1.0.0",
    private: true,
    ...manifest,
  });
  writeFileSync(join(dir, "pnpm-workspace.yaml"), "strictDepBuilds: false\n");
  try {
    run("pnpm", ["add", "--prefer-offline", ...specs], dir);
  } catch (error) {
    if (!String(error).includes("ENOENT")) throw error;
    run("npx", ["-y", "pnpm@12.4.2", "add", "--prefer-offline", ...specs], dir);
  }
}

/**
 * Packs workspace packages (built dist, `workspace:` ranges rewritten) as a user would get
 * them from the registry; returns the tarball paths in the order asked.
 */
export function packWorkspacePackages(names: string[], into: string): string[] {
  return names.map((name) => {
    const before = new Set(readdirSync(into));
    try {
      run("pnpm", ["pack", "--pack-destination", into], join(REPO_ROOT, "packages", name));
    } catch (error) {
      if (!String(error).includes("ENOENT")) throw error;
      run(
        "npx",
        ["-y", "pnpm@12.4.2", "pack", "--pack-destination", into],
        join(REPO_ROOT, "packages", name),
      );
    }
    const tarball = readdirSync(into).find((file) => !before.has(file) && file.endsWith(".tgz"));
    if (!tarball) throw new Error(`pnpm pack produced no tarball for packages/${name}`);
    return join(into, tarball);
  });
}
