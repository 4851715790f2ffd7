// Lints every publishable package the way a consumer meets it, from its packed tarball: the files
// and manifest fields a release needs, publint --strict, and @arethetypeswrong/cli. Packages are
// found by glob, never listed by hand.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const packagesDir = join(root, "packages");
const bin = (name) => join(root, "node_modules", ".bin", name);
const license = readFileSync(join(root, "LICENSE"), "utf8");

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() };
}

const requiredFiles = ["LICENSE", "README.md", "package.json"];

/**
 * The files `npm pack` would take from the package directory. pnpm adds the workspace root's
 * LICENSE to a package that has none; npm does not, so both packers are checked.
 */
function npmPackProblems(dir) {
  const result = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: dir,
    encoding: "utf8",
  });
  let files;
  try {
    files = new Set(JSON.parse(result.stdout)[0].files.map((file) => file.path));
  } catch {
    return [`npm pack --dry-run failed: ${result.stderr}`];
  }
  return requiredFiles.filter((file) => !files.has(file)).map((file) => `npm pack lacks ${file}`);
}

/** What a release needs of a packed package: its files and manifest fields. */
function releaseProblems(tarballPath, dir) {
  const listing = run("tar", ["-tzf", tarballPath], root);
  if (!listing.ok) return [`cannot list the tarball: ${listing.output}`];
  const files = new Set(listing.output.split("\n").map((file) => file.replace(/^package\//, "")));
  const problems = requiredFiles
    .filter((file) => !files.has(file))
    .map((file) => `pnpm pack lacks ${file}`);
  if (files.has("LICENSE")) {
    const packed = run("tar", ["-xzOf", tarballPath, "package/LICENSE"], root).output;
    if (packed !== license.trim()) problems.push("tarball's LICENSE differs from the root LICENSE");
  }
  if (!files.has("package.json")) return problems;

  const manifest = JSON.parse(run("tar", ["-xzOf", tarballPath, "package/package.json"]).output);
  const homepage = `https://github.com/logtrace/logtrace/tree/main/packages/${dir}#readme`;
  const required = {
    "publishConfig.access is public": manifest.publishConfig?.access === "public",
    "repository names its directory": manifest.repository?.directory === `packages/${dir}`,
    [`homepage is ${homepage}`]: manifest.homepage === homepage,
    "bugs has a url": typeof (manifest.bugs?.url ?? manifest.bugs) === "string",
    "license is set": typeof manifest.license === "string" && manifest.license !== "",
    "keywords are set": Array.isArray(manifest.keywords) && manifest.keywords.length > 0,
    "engines.node is set": typeof manifest.engines?.node === "string",
  };
  for (const [rule, holds] of Object.entries(required)) {
    if (!holds) problems.push(`manifest: ${rule} fails`);
  }
  return problems;
}

const failures = [];
for (const name of readdirSync(packagesDir).sort()) {
  const dir = join(packagesDir, name);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  } catch {
    continue;
  }
  if (manifest.private) continue;

  const packDir = mkdtempSync(join(tmpdir(), "logtrace-pack-"));
  try {
    const packed = run("pnpm", ["pack", "--pack-destination", packDir], dir);
    if (!packed.ok) {
      failures.push(`${manifest.name}: pnpm pack failed\n${packed.output}`);
      continue;
    }
    const tarball = readdirSync(packDir).find((file) => file.endsWith(".tgz"));
    const tarballPath = join(packDir, tarball);
    const release = [...releaseProblems(tarballPath, name), ...npmPackProblems(dir)];
    const publint = run(bin("publint"), ["--strict", tarballPath], dir);
    const attw = run(bin("attw"), [tarballPath, "--format", "ascii"], dir);
    const ok = release.length === 0 && publint.ok && attw.ok;
    console.log(
      `${manifest.name}: files and fields ${release.length === 0 ? "ok" : "failed"}, publint ${publint.ok ? "ok" : "failed"}, attw ${attw.ok ? "ok" : "failed"} -> ${ok ? "ok" : "FAILED"}`,
    );
    if (release.length > 0) failures.push(`${manifest.name}:\n  ${release.join("\n  ")}`);
    if (!publint.ok) failures.push(`${manifest.name}: publint --strict\n${publint.output}`);
    if (!attw.ok) failures.push(`${manifest.name}: attw\n${attw.output}`);
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}

if (failures.length > 0) {
  console.error(failures.join("\n\n"));
  process.exit(1);
}
