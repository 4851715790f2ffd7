// A user's app in a temporary directory outside the repository: an .npmrc that sends only the
// @logtrace scope to the test registry (everything else comes from the normal npm registry),
// the machine's plain npm, and this test's Node first on PATH.
import { lstatSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, sep } from "node:path";
import { run } from "./processes.mjs";

const INSTALL_TIMEOUT_MS = 240_000;

// npm's warnings that a peer dependency is not met or was overridden: `npm warn ERESOLVE …`
// ("overriding peer dependency", "Could not resolve dependency"), "Conflicting peer dependency".
const PEER_WARNING = /^npm warn (ERESOLVE|.*peer dep|.*peerDependenc|.*Conflicting peer).*$/gim;
// In `npm ls --all`: `<name>@<version> [deduped ]invalid: "<range>" from <dependent>, …`.
const INVALID_IN_TREE = /(\S+@\S+) (?:deduped )?invalid: (.*)$/;

/**
 * The environment of a user's shell: no variable pnpm or npm set for this script, no tracing
 * settings, only this Node (the repo's) before the system's PATH, and the shared npm cache.
 */
export function userEnvironment(npmCache) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (
      /^(npm_|pnpm_|PNPM_|OTEL_|LOGTRACE_|ECS_CONTAINER_METADATA_URI|NODE_OPTIONS$)/i.test(name)
    ) {
      continue;
    }
    env[name] = value;
  }
  const path = (process.env.PATH ?? "")
    .split(delimiter)
    .filter(
      (entry) => !entry.includes(`${sep}node_modules${sep}`) && !entry.endsWith("node-gyp-bin"),
    );
  env.PATH = [dirname(process.execPath), ...path].join(delimiter);
  return {
    ...env,
    npm_config_cache: npmCache,
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
}

/** A fresh app directory under `parent`, with its .npmrc and a minimal package.json. */
export function createApp({ parent, registryUrl, label, manifest = {} }) {
  const dir = mkdtempSync(join(parent, `${label}-`));
  writeNpmrc(dir, registryUrl);
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: `app-${label}`, version: "1.0.0", private: true, ...manifest }, null, 2)}\n`,
  );
  return dir;
}

export function writeNpmrc(dir, registryUrl) {
  writeFileSync(join(dir, ".npmrc"), `@logtrace:registry=${registryUrl}\n`);
}

/**
 * `npm install [packages]` in `dir`. Returns the run plus `peerWarnings`: npm's peer-dependency
 * warnings, then (if any) the ranges left unmet in the installed tree.
 */
export async function npmInstall(dir, packages, env) {
  const result = await run("npm", ["install", "--no-progress", ...packages], {
    cwd: dir,
    env,
    timeoutMs: INSTALL_TIMEOUT_MS,
  });
  const peerWarnings = peerWarningsOf(result);
  const unmet = peerWarnings.length > 0 && result.ok ? await unmetRanges(dir, env) : [];
  return { ...result, peerWarnings: [...peerWarnings, ...unmet] };
}

/** npm's peer-dependency warning lines in a run's output, as printed. */
export function peerWarningsOf(result) {
  return `${result.stdout}\n${result.stderr}`.match(PEER_WARNING) ?? [];
}

/**
 * Which installed packages miss the range a dependent asks for, as `npm ls --all` says (npm's
 * install warnings do not name them).
 */
export async function unmetRanges(dir, env) {
  const tree = await run("npm", ["ls", "--all"], { cwd: dir, env, timeoutMs: 60_000 });
  // A copy is listed under each package that uses it, with the dependents seen so far: keep its
  // longest list.
  const longest = new Map();
  for (const line of tree.stdout.split("\n")) {
    const [, pkg, detail] = line.match(INVALID_IN_TREE) ?? [];
    if (pkg && detail.length > (longest.get(pkg)?.length ?? -1)) longest.set(pkg, detail);
  }
  return [...longest].map(([pkg, detail]) => `${pkg} is not ${detail}`);
}

/** Apparent size in bytes of everything under `dir` (as `du --apparent-size`). */
export function apparentSize(dir) {
  let total = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop();
    const stats = lstatSync(current);
    total += stats.size;
    if (stats.isDirectory()) {
      for (const entry of readdirSync(current)) stack.push(join(current, entry));
    }
  }
  return total;
}
