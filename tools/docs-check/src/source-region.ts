import { readFileSync } from "node:fs";

const REGION = /^\s*\/\/ #(end)?region\b\s*(\S*)/;

/**
 * The text a docs block quotes: a whole file, or the lines between `// #region name` and
 * `// #endregion` in it, dedented. Region marker lines never appear in the quote.
 */
export function sourceRegion(file: string, region?: string): string {
  const lines = readFileSync(file, "utf8").replace(/\n$/, "").split("\n");
  let kept: string[];
  if (region === undefined) {
    kept = lines.filter((line) => !REGION.test(line));
  } else {
    const start = lines.findIndex((line) => {
      const match = REGION.exec(line);
      return match !== null && match[1] === undefined && match[2] === region;
    });
    if (start < 0) throw new Error(`${file} has no "// #region ${region}"`);
    const end = lines.findIndex((line, index) => index > start && REGION.exec(line)?.[1] === "end");
    if (end < 0) throw new Error(`${file}: region "${region}" is not closed`);
    kept = lines.slice(start + 1, end).filter((line) => !REGION.test(line));
  }
  const indent = Math.min(
    ...kept.filter((line) => line.trim() !== "").map((line) => /^\s*/.exec(line)?.[0].length ?? 0),
  );
  return kept.map((line) => line.slice(Number.isFinite(indent) ? indent : 0)).join("\n");
}
