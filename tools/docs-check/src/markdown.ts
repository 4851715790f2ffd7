import { readFileSync } from "node:fs";

/** A fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The Markdown file. */
  file: string;
  /** 1-based line of the block's first code line. */
  line: number;
  /** The fence's language tag (`ts`, `json`, ...), lower case. */
  lang: string;
  code: string;
  /** `path[#region]` of a `<!-- from: … -->` comment right above the fence, if any. */
  from: string | undefined;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/;
const FROM = /^<!--\s*from:\s*(\S+)\s*-->$/;

/** Every fenced code block in a Markdown file, in order. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] as string);
    if (!open) continue;
    const [, indent = "", fence = "```", lang = ""] = open;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j] as string).trim().startsWith(fence)) {
      body.push((lines[j] as string).slice(indent.length));
      j++;
    }
    let previous = i - 1;
    while (previous >= 0 && (lines[previous] as string).trim() === "") previous--;
    const from = previous >= 0 ? FROM.exec((lines[previous] as string).trim())?.[1] : undefined;
    blocks.push({ file, line: i + 2, lang: lang.toLowerCase(), code: body.join("\n"), from });
    i = j;
  }
  return blocks;
}

/** Relative link targets of a Markdown file (`[text](path)`), without anchors. */
export function relativeLinks(file: string): string[] {
  const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] as string)
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith("#"))
    .map((target) => target.split("#")[0] as string);
}
