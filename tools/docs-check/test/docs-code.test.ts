import { spawnSync } from "node:child_process";
import { existsSync, globSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { docsFiles, repoRoot } from "../src/docs-files.ts";
import { type CodeBlock, codeBlocks, relativeLinks } from "../src/markdown.ts";
import { sourceRegion } from "../src/source-region.ts";

const files = docsFiles();
const blocks = files.flatMap(codeBlocks);
const where = (block: CodeBlock) => `${relative(repoRoot, block.file)}:${block.line}`;
const TYPESCRIPT = ["ts", "typescript"];

it("finds the docs and their code", () => {
  expect(files.map((file) => relative(repoRoot, file))).toEqual(
    expect.arrayContaining(["README.md", "docs/getting-started.md", "tools/harness/README.md"]),
  );
  expect(blocks.filter((block) => TYPESCRIPT.includes(block.lang)).length).toBeGreaterThan(3);
});

describe("blocks taken from the examples match them verbatim", () => {
  const quoted = blocks.filter((block) => block.from !== undefined);
  it.each(quoted.map((block) => [where(block), block] as const))("%s", (_, block) => {
    const [path, region] = (block.from as string).split("#");
    const source = resolve(dirname(block.file), path as string);
    expect(existsSync(source), `${where(block)} quotes ${path}, which does not exist`).toBe(true);
    expect(block.code, `${where(block)} differs from ${path}`).toBe(sourceRegion(source, region));
  });
});

it("every other TypeScript block type-checks against the real packages", () => {
  const own = blocks.filter((block) => block.from === undefined && TYPESCRIPT.includes(block.lang));
  const dir = fileURLToPath(new URL("../.blocks/", import.meta.url));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const origin = new Map<string, CodeBlock>();
  own.forEach((block, index) => {
    const name = `block${index}.ts`;
    origin.set(name, block);
    // Each block is a module of its own, so names in one never clash with another's.
    writeFileSync(join(dir, name), `${block.code}\nexport {};\n`);
  });
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ extends: "../../../tsconfig.base.json", include: ["*.ts"] }),
  );
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", dir, "--pretty", "false"], {
    encoding: "utf8",
  });
  const errors = `${result.stdout}${result.stderr}`
    .split("\n")
    .filter((line) => line.includes("error TS"))
    .map((line) => {
      const match = /^(block\d+\.ts)\((\d+),(\d+)\): (.*)$/.exec(line.replace(/^.*[\\/]/, ""));
      const block = match ? origin.get(match[1] as string) : undefined;
      if (!match || !block) return line;
      return `${relative(repoRoot, block.file)}:${block.line + Number(match[2]) - 1}: ${match[4]}`;
    });
  expect(errors).toEqual([]);
  expect(result.status).toBe(0);
});

it("JavaScript examples are written as TypeScript blocks, so they are checked too", () => {
  const js = blocks.filter((block) => ["js", "javascript", "mjs", "cjs"].includes(block.lang));
  expect(js.filter((block) => block.from === undefined).map(where)).toEqual([]);
});

it("JSON and YAML blocks parse", () => {
  for (const block of blocks) {
    if (block.lang === "json") expect(() => JSON.parse(block.code), where(block)).not.toThrow();
    if (block.lang === "yaml" || block.lang === "yml") {
      expect(() => parseYaml(block.code), where(block)).not.toThrow();
    }
  }
});

it("relative links point at files that exist", () => {
  const broken = files.flatMap((file) =>
    relativeLinks(file)
      .filter((target) => !existsSync(resolve(dirname(file), target)))
      .map((target) => `${relative(repoRoot, file)} -> ${target}`),
  );
  expect(broken).toEqual([]);
});

it("the README's examples table lists every example, and only those", () => {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const listed = [...readme.matchAll(/^\| \[`[^`]+`\]\(examples\/([^)/]+)\)/gmu)].map(
    (match) => match[1],
  );
  const present = globSync("examples/*/package.json", { cwd: repoRoot }).map(
    (path) => path.split("/")[1],
  );
  expect(listed.sort()).toEqual(present.sort());
});
