/** Everything a command touches outside itself, so tests run it in-process with real values. */
export interface CliIo {
  /** Machine output: the product of the command, nothing else. */
  stdout(text: string): void;
  /** Diagnostics for a person. */
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  now(): Date;
}

/** The real process: what the `logtrace` bin passes in. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}
