import { runCli } from "../cli/run-cli.js";
import type { DoctorReport } from "../doctor/types.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `logtrace …` in this process with the given environment and clock. */
export async function cli(
  argv: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; now?: Date } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    now: () => options.now ?? new Date(),
  });
  return { code, stdout, stderr };
}

/** `logtrace doctor --json …`, parsed. */
export async function doctorJson(
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ run: CliRun; report: DoctorReport }> {
  const run = await cli(["doctor", "--json", ...argv], { env });
  if (run.code === 2) throw new Error(`doctor usage error: ${run.stderr}`);
  return { run, report: JSON.parse(run.stdout) as DoctorReport };
}

/** The findings of one check, by its id. */
export function findingsOf(report: DoctorReport, id: string) {
  const check = report.checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id} in the report`);
  return check.findings;
}
