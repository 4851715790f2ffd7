import {
  type Diagnostic,
  type Platform,
  type ResolutionSource,
  resolveAwsResourceAttributes,
} from "@logtrace/aws-resource";
import type { CliIo } from "../cli/io.js";
import { parseArguments } from "../cli/parse-arguments.js";
import { EXIT, UsageError } from "../cli/usage-error.js";
import { dotenvLine, ENV_FORMATS, type EnvFormat, shellLine } from "./env-formats.js";

const VARIABLE = "OTEL_RESOURCE_ATTRIBUTES";
export const ENV_SCHEMA = "logtrace.env/1";

/** What `logtrace env --json` prints (schema in docs/cli.md). */
export interface EnvReport {
  schema: typeof ENV_SCHEMA;
  /** The new OTEL_RESOURCE_ATTRIBUTES, or null when it should stay as it is. */
  otelResourceAttributes: string | null;
  changed: boolean;
  source: ResolutionSource;
  /** Where the process runs, as the resolver detected it. */
  platform: Platform;
  logGroupNames: string[];
  logGroupArns: string[];
  /** What was added to the variable, decoded. */
  attributes: Record<string, string>;
  diagnostics: Diagnostic[];
}

export const ENV_USAGE = `Usage: logtrace env [options]

Resolves this process's CloudWatch log groups exactly as @logtrace/bootstrap does (your own
aws.log.group.names first, then LOGTRACE_LOG_GROUP_NAMES, then the platform: the ECS task
metadata, AWS_LAMBDA_LOG_GROUP_NAME, or the CloudWatch agent config on EC2 with IMDS) and
prints the resulting ${VARIABLE} for a container entrypoint:

  eval "$(logtrace env)"        # before the agent or any non-Node process starts

Prints nothing on stdout when the variable should stay as it is; diagnostics go to stderr.

      --format FORMAT   shell (default: export ${VARIABLE}='…'), dotenv (${VARIABLE}=…) or json
      --json            same as --format json
      --timeout MS      bound for the metadata requests (default: LOGTRACE_METADATA_TIMEOUT_MS, else 1000)

Exit codes: 0 (also when nothing was found), 2 usage error.
`;

export async function envCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArguments("env", argv, {
    format: { type: "string" },
    json: { type: "boolean" },
    timeout: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(ENV_USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 0) {
    throw new UsageError(`env: unexpected argument ${JSON.stringify(positionals[0])}`);
  }
  const format = (values.json ? "json" : (values.format ?? "shell")) as EnvFormat;
  if (!ENV_FORMATS.includes(format)) {
    throw new UsageError(
      `env: --format ${JSON.stringify(values.format)} is not one of ${ENV_FORMATS.join(", ")}`,
    );
  }
  if (values.json && values.format !== undefined && values.format !== "json") {
    throw new UsageError(`env: --json contradicts --format ${values.format}`);
  }
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
      throw new UsageError(
        `env: --timeout must be a positive number of milliseconds (got ${values.timeout})`,
      );
    }
  }

  const resolution = await resolveAwsResourceAttributes({ env: io.env, timeoutMs });
  for (const diagnostic of resolution.diagnostics) {
    if (diagnostic.level !== "debug") io.stderr(`logtrace env: ${diagnostic.message}\n`);
  }
  const value = resolution.otelResourceAttributes;

  if (format === "json") {
    const report: EnvReport = {
      schema: ENV_SCHEMA,
      otelResourceAttributes: value ?? null,
      changed: value !== undefined,
      source: resolution.source,
      platform: resolution.platform,
      logGroupNames: resolution.logGroupNames,
      logGroupArns: resolution.logGroupArns,
      attributes: resolution.attributes,
      diagnostics: resolution.diagnostics,
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return EXIT.ok;
  }
  if (value === undefined) return EXIT.ok;
  if (format === "shell") {
    io.stdout(shellLine(VARIABLE, value));
    return EXIT.ok;
  }
  const line = dotenvLine(VARIABLE, value);
  if (line === undefined) {
    // Nothing lost: say why on stderr and fail the usage rather than print a line that lies.
    throw new UsageError(
      `env: ${VARIABLE} contains both ' and characters env files treat specially; no dotenv spelling reads back the same everywhere (use --format shell or json)`,
    );
  }
  io.stdout(line);
  return EXIT.ok;
}
