import { DOCTOR_USAGE, doctorCommand } from "../doctor/doctor-command.js";
import { ENV_USAGE, envCommand } from "../env/env-command.js";
import { QUERY_USAGE, queryCommand } from "../query/query-command.js";
import type { CliIo } from "./io.js";
import { EXIT, UsageError } from "./usage-error.js";

interface Command {
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  env: {
    summary:
      'print OTEL_RESOURCE_ATTRIBUTES with this container\'s log groups (eval "$(logtrace env)")',
    usage: ENV_USAGE,
    run: envCommand,
  },
  doctor: {
    summary:
      "check an app, its agent and its collector config for what breaks trace-log correlation",
    usage: DOCTOR_USAGE,
    run: doctorCommand,
  },
  query: {
    summary: "print the Logs Insights query (and aws CLI command) for one trace's log lines",
    usage: QUERY_USAGE,
    run: queryCommand,
  },
};

export function mainUsage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return `Usage: logtrace <command> [options]

${lines.join("\n")}

Run \`logtrace <command> --help\` for a command's options.
Exit codes: 0 ok, 1 problems found (doctor), 2 usage error.
`;
}

/** Runs one `logtrace …` invocation and returns its exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      io.stderr(mainUsage());
      return EXIT.usage;
    }
    if (name === "--help" || name === "-h" || name === "help") {
      const topic = name === "help" ? rest[0] : undefined;
      const command = topic === undefined ? undefined : COMMANDS[topic];
      if (topic !== undefined && command === undefined) throw unknownCommand(topic);
      io.stdout(command ? command.usage : mainUsage());
      return EXIT.ok;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (command === undefined) throw unknownCommand(name);
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`logtrace: ${error.message}\n`);
      return EXIT.usage;
    }
    // A bug of ours: say so on one line and keep stdout clean.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`logtrace: internal error: ${detail}\n`);
    return EXIT.problems;
  }
}

function unknownCommand(name: string): UsageError {
  return new UsageError(
    `unknown command ${JSON.stringify(name)} (commands: ${Object.keys(COMMANDS).join(", ")})`,
  );
}
