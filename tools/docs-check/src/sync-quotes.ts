// Rewrites every docs code block marked `<!-- from: path[#region] -->` with the current text of
// its source, so quoting an example is one command: `pnpm --filter @logtrace/docs-check sync`.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { docsFiles, repoRoot } from "./docs-files.ts";
import { codeBlocks } from "./markdown.ts";
import { sourceRegion } from "./source-region.ts";

for (const file of docsFiles()) {
  const quoted = codeBlocks(file).filter((block) => block.from !== undefined);
  if (quoted.length === 0) continue;
  const lines = readFileSync(file, "utf8").split("\n");
  // From the last block up, so earlier line numbers stay valid.
  for (const block of quoted.reverse()) {
    const [path, region] = (block.from as string).split("#");
    const text = sourceRegion(resolve(dirname(file), path as string), region);
    const length = block.code === "" ? 0 : block.code.split("\n").length;
    lines.splice(block.line - 1, length, ...text.split("\n"));
  }
  const updated = lines.join("\n");
  if (updated !== readFileSync(file, "utf8")) {
    writeFileSync(file, updated);
    console.log(`updated ${relative(repoRoot, file)}`);
  }
}
