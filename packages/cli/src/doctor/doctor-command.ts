import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { CliIo } from "../cli/io.js";
import { parseArguments } from "../cli/parse-arguments.js";
import { EXIT, UsageError } from "../cli/usage-error.js";
import { renderDoctorText } from "./render-text.js";
import { runDoctor } from "./run-doctor.js";

const DEFAULT_TIMEOUT_MS = 2000;

export const DOCTOR_USAGE = `Usage: logtrace doctor [options]

Checks an app (its installed loggers, OpenTelemetry packages, environment), an agent's
node_modules and a collector config for what breaks trace-log correlation. One line per
finding: ✓ ok, ⚠ warning, ✗ broken, – does not apply; each problem with its fix.

      --cwd DIR               the app's directory (default: the current directory)
      --agent-dir DIR         where an agent image put its node_modules, e.g. /otel-auto-instrumentation
      --collector-config FILE an OpenTelemetry Collector config (YAML)
      --timeout MS            budget for network checks (default ${DEFAULT_TIMEOUT_MS})
      --json                  the report as one JSON object (schema: @logtrace/cli/schemas/doctor.schema.json)

Exit codes: 0 no ✗, 1 some ✗, 2 usage error.
`;

function existing(kind: "directory" | "file", option: string, path: string): string {
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(`doctor: ${option} ${path} does not exist`);
  }
  if (kind === "directory" ? !stat.isDirectory() : !stat.isFile()) {
    throw new UsageError(`doctor: ${option} ${path} is not a ${kind}`);
  }
  return path;
}

export async function doctorCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArguments("doctor", argv, {
    cwd: { type: "string" },
    "agent-dir": { type: "string" },
    "collector-config": { type: "string" },
    timeout: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(DOCTOR_USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 0) {
    throw new UsageError(
      `doctor: unexpected argument ${JSON.stringify(positionals[0])} (did you mean --cwd?)`,
    );
  }
  const timeoutMs = values.timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError(
      `doctor: --timeout must be a positive number of milliseconds (got ${values.timeout})`,
    );
  }
  const at = (path: string) => resolve(io.cwd, path);
  const report = await runDoctor({
    cwd: existing("directory", "--cwd", at(values.cwd ?? ".")),
    agentDir:
      values["agent-dir"] === undefined
        ? null
        : existing("directory", "--agent-dir", at(values["agent-dir"])),
    collectorConfig:
      values["collector-config"] === undefined
        ? null
        : existing("file", "--collector-config", at(values["collector-config"])),
    env: io.env,
    timeoutMs,
  });
  io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderDoctorText(report));
  return report.exitCode;
}
