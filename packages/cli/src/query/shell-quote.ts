const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell: left bare when safe, single-quoted otherwise. */
export function shellQuote(argument: string): string {
  if (argument !== "" && SAFE.test(argument)) return argument;
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}

export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(" ");
}
