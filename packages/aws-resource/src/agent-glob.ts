/**
 * The CloudWatch agent's `file_path` globs, matched the way the agent matches them: a path with
 * `**`, `{…}` or `!` goes through gobwas/glob with `/` as separator, any other through Go's
 * `filepath.Glob`. In both, `*` and `?` stop at `/`, `[…]` is a class (`[!…]` or `[^…]`
 * negated), `**` crosses directories, `{a,b}` is either, `\` escapes the next character.
 */
export function agentGlobMatches(pattern: string, path: string): boolean {
  return new RegExp(`^${globToRegExpSource(pattern)}$`, "u").test(path);
}

const REGEXP_SPECIAL = /[.*+?^${}()|[\]\\/]/gu;
const literal = (text: string) => text.replace(REGEXP_SPECIAL, "\\$&");

function globToRegExpSource(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i] as string;
    if (char === "*") {
      if (glob[i + 1] === "*") {
        out += ".*";
        i += 1;
      } else out += "[^/]*";
    } else if (char === "?") out += "[^/]";
    else if (char === "\\" && i + 1 < glob.length) {
      out += literal(glob[i + 1] as string);
      i += 1;
    } else if (char === "[") {
      const end = classEnd(glob, i);
      if (end === -1) out += "\\[";
      else {
        let body = glob.slice(i + 1, end);
        const negated = body.startsWith("!") || body.startsWith("^");
        if (negated) body = body.slice(1);
        out += `[${negated ? "^" : ""}${body.replace(/[\\\]]/gu, "\\$&")}]`;
        i = end;
      }
    } else if (char === "{") {
      const end = braceEnd(glob, i);
      if (end === -1) out += "\\{";
      else {
        const alternatives = splitTopLevel(glob.slice(i + 1, end));
        out += `(?:${alternatives.map(globToRegExpSource).join("|")})`;
        i = end;
      }
    } else out += literal(char);
  }
  return out;
}

/** Index of the `]` closing the class opened at `start`, or -1. */
function classEnd(glob: string, start: number): number {
  let j = start + 1;
  if (glob[j] === "!" || glob[j] === "^") j += 1;
  if (glob[j] === "]") j += 1;
  const end = glob.indexOf("]", j);
  return end;
}

/** Index of the `}` closing the group opened at `start` (nesting allowed), or -1. */
function braceEnd(glob: string, start: number): number {
  let depth = 0;
  for (let j = start; j < glob.length; j += 1) {
    if (glob[j] === "\\") j += 1;
    else if (glob[j] === "{") depth += 1;
    else if (glob[j] === "}" && --depth === 0) return j;
  }
  return -1;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (let j = 0; j < body.length; j += 1) {
    const char = body[j] as string;
    if (char === "\\") {
      current += char + (body[j + 1] ?? "");
      j += 1;
      continue;
    }
    if (char === "{") depth += 1;
    if (char === "}") depth -= 1;
    if (char === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += char;
  }
  parts.push(current);
  return parts;
}
