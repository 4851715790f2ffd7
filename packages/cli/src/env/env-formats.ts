import { shellQuote } from "../query/shell-quote.js";

export const ENV_FORMATS = ["shell", "dotenv", "json"] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];

/** `export NAME='value'`, safe to `eval` in any POSIX shell. */
export function shellLine(name: string, value: string): string {
  return `export ${name}=${shellQuote(value)}\n`;
}

/** Characters some env-file reader treats specially: quotes, escapes, `$` interpolation, `#` comments. */
const SPECIAL_IN_ENV_FILES = /[\s"'`\\$#]/;

/**
 * `NAME=value` for an env file, or undefined when no single spelling reads back the same in
 * every common reader. Bare when nothing in it is special (then npm dotenv, docker compose and
 * `docker run --env-file`, which takes quotes literally, all agree); otherwise single-quoted,
 * which dotenv and compose both read literally.
 */
export function dotenvLine(name: string, value: string): string | undefined {
  if (!SPECIAL_IN_ENV_FILES.test(value)) return `${name}=${value}\n`;
  if (!value.includes("'") && !value.includes("\n")) return `${name}='${value}'\n`;
  return undefined;
}
