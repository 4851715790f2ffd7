import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";

const HEADER = `# Benchmarks

Written by \`npx -y pnpm@12.4.2 bench\` (each package's \`bench\` script); never edited by hand.
Counted instructions decide the targets: they repeat to within about 1% whatever else the machine
runs, while wall-clock figures depend on it. Compare ratios within one section.
`;

function repoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}

/** The machine and the versions a section was measured with, for its first line. */
export function benchContext(versions: Readonly<Record<string, string>> = {}): string {
  const cpu = cpus();
  const parts = [
    `Node ${process.version}`,
    `${process.platform} ${process.arch}`,
    `${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}`,
    ...Object.entries(versions).map(([name, version]) => `${name} ${version}`),
    new Date().toISOString().slice(0, 10),
  ];
  return parts.join(", ");
}

/**
 * Replaces (or appends) one package's section of docs/benchmarks.md: the markdown between
 * `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`. Other sections stay as they are.
 */
export function writeBenchSection(name: string, markdown: string, from = process.cwd()): string {
  const file = join(repoRoot(from), "docs", "benchmarks.md");
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n\n${markdown.trim()}\n\n${end}`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : HEADER;
  const at = current.indexOf(start);
  const next =
    at < 0
      ? `${current.trimEnd()}\n\n${block}\n`
      : `${current.slice(0, at)}${block}${current.slice(current.indexOf(end, at) + end.length)}`;
  writeFileSync(file, next);
  return file;
}
