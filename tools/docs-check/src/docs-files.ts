import { globSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The Markdown files whose code must stay true: docs/, root, examples' and tools' READMEs. */
export function docsFiles(): string[] {
  return globSync(["docs/**/*.md", "*.md", "examples/*/README.md", "tools/*/README.md"], {
    cwd: repoRoot,
  })
    .sort()
    .map((path) => `${repoRoot}${path}`);
}
