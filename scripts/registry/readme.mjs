// Reads what a README tells its users, so the registry test follows the README instead of a
// copy of it.
import { readFileSync } from "node:fs";

export function readReadme(path) {
  return readFileSync(path, "utf8");
}

/** The first fenced code block in `lang` (the 30-second example comes first). */
export function firstCodeBlock(markdown, lang, where) {
  const block = markdown.match(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, "m"))?.[1];
  if (!block) throw new Error(`${where} has no \`\`\`${lang} code block`);
  return block;
}

/** The text under the `## <heading>` line, up to the next `## ` heading. */
export function section(markdown, heading, where) {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`${where} has no "## ${heading}" section`);
  const body = markdown.slice(start + heading.length + 5);
  const end = body.search(/^## /m);
  return end === -1 ? body : body.slice(0, end);
}

/** Every `inline code` span of a text. */
export function inlineCode(text) {
  return [...text.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]);
}

/**
 * The README's ESM example as CommonJS, as a CommonJS user writes it: each
 * `import x from "m"` becomes `const x = require("m")`, each `import { a } from "m"`
 * `const { a } = require("m")`.
 */
export function toCommonJs(esm, where) {
  const converted = esm
    .replace(/^import (\w+) from ("[^"]+");$/gm, "const $1 = require($2);")
    .replace(/^import (\{[^}]+\}) from ("[^"]+");$/gm, "const $1 = require($2);");
  const left = converted.match(/^import .*$/m);
  if (left) throw new Error(`${where}: cannot turn this import into require: ${left[0]}`);
  return converted;
}
