/** Bad command-line input: reported on one stderr line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Exit codes shared by every command. */
export const EXIT = Object.freeze({ ok: 0, problems: 1, usage: 2 });
