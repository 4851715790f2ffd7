// Publishes every public package to the test registry the way a release does: `pnpm publish`
// from the package's directory (pnpm turns `workspace:` ranges into versions and runs the pack
// lifecycle), then reads each manifest back from the registry to check no `workspace:` is left.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./processes.mjs";
import { PUBLISH_TOKEN } from "./verdaccio.mjs";

const PUBLISH_TIMEOUT_MS = 120_000;

/** The manifest the registry serves for `name@version`. */
export async function publishedManifest(registryUrl, name, version) {
  const response = await fetch(new URL(name.replace("/", "%2f"), registryUrl), {
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`GET ${name} from the test registry: ${response.status}`);
  const packument = await response.json();
  return packument.versions?.[version];
}

/**
 * Publishes `packages` (in their order) to `registryUrl`. Returns `{ ok, published, output }`:
 * `published` maps each name to its version; `output` says what went wrong.
 */
export async function publishAll({ packages, registryUrl, workDir, env }) {
  const userconfig = join(workDir, "publish.npmrc");
  const host = registryUrl.replace(/^https?:/, "");
  writeFileSync(userconfig, `${host}:_authToken=${PUBLISH_TOKEN}\n`);
  const publishEnv = { ...env, npm_config_userconfig: userconfig };
  const published = {};
  for (const pkg of packages) {
    const result = await run(
      "pnpm",
      ["publish", "--registry", registryUrl, "--no-git-checks", "--access", "public"],
      { cwd: pkg.dir, env: publishEnv, timeoutMs: PUBLISH_TIMEOUT_MS },
    );
    if (!result.ok) return { ok: false, published, output: result.output };
    const manifest = await publishedManifest(registryUrl, pkg.name, pkg.version);
    if (!manifest) {
      return { ok: false, published, output: `${pkg.name}@${pkg.version} is not in the registry` };
    }
    const left = JSON.stringify(manifest).match(/"[^"]+":"workspace:[^"]*"/g);
    if (left) {
      return {
        ok: false,
        published,
        output: `${pkg.name}@${pkg.version} was published with workspace ranges: ${left.join(", ")}`,
      };
    }
    published[pkg.name] = pkg.version;
  }
  return { ok: true, published, output: "" };
}
