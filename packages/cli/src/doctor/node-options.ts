export interface Preloads {
  /** `--require X` / `-r X` / `--require=X`: run before the app, see only `require()`. */
  require: string[];
  /** `--import X` / `--import=X` and the older `--loader` / `--experimental-loader`: ESM hooks. */
  import: string[];
}

/** Splits NODE_OPTIONS the way Node does: on spaces, with double quotes and `\` escapes. */
export function splitNodeOptions(value: string): string[] {
  const tokens: string[] = [];
  let current = "";
  let quoted = false;
  let started = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i] as string;
    if (char === "\\" && quoted && i + 1 < value.length) {
      current += value[++i];
    } else if (char === '"') {
      quoted = !quoted;
      started = true;
    } else if (/\s/.test(char) && !quoted) {
      if (started) tokens.push(current);
      current = "";
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) tokens.push(current);
  return tokens;
}

const REQUIRE = new Set(["--require", "-r"]);
const IMPORT = new Set(["--import", "--loader", "--experimental-loader"]);

export function preloadsOf(nodeOptions: string | undefined): Preloads {
  const result: Preloads = { require: [], import: [] };
  const tokens = splitNodeOptions(nodeOptions ?? "");
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const eq = token.indexOf("=");
    const flag = eq > 0 && token.startsWith("--") ? token.slice(0, eq) : token;
    const inline = eq > 0 && token.startsWith("--") ? token.slice(eq + 1) : undefined;
    const target = REQUIRE.has(flag)
      ? result.require
      : IMPORT.has(flag)
        ? result.import
        : undefined;
    if (target === undefined) continue;
    const value = inline ?? tokens[++i];
    if (value !== undefined) target.push(value);
  }
  return result;
}
