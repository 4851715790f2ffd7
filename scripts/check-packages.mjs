// Lints every publishable package the way a consumer meets it: publint --strict, and
// @arethetypeswrong/cli on the packed tarball. Packages are found by glob, never listed by hand.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const packagesDir = join(root, "packages");
const bin = (name) => join(root, "node_modules", ".bin", name);

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() };
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
    const publint = run(bin("publint"), ["--strict", tarballPath], dir);
    // A JSON data subpath (not ./package.json) has no types to get wrong, and only TypeScript's
    // node10 resolution, which ignores `exports`, cannot find it: attw checks the code entries.
    const dataEntries = Object.keys(manifest.exports ?? {}).filter(
      (subpath) =>
        subpath.endsWith(".json") && subpath !== "./package.json" && !subpath.includes("*"),
    );
    const attw = run(
      bin("attw"),
      [
        tarballPath,
        "--format",
        "ascii",
        ...(dataEntries.length > 0 ? ["--exclude-entrypoints", ...dataEntries] : []),
      ],
      dir,
    );
    const verdict = publint.ok && attw.ok ? "ok" : "FAILED";
    console.log(
      `${manifest.name}: publint ${publint.ok ? "ok" : "failed"}, attw ${attw.ok ? "ok" : "failed"} -> ${verdict}`,
    );
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
