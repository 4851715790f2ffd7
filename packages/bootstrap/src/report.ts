import type { Diagnostic } from "@logtrace/aws-resource";
import type { LogLevel } from "./settings.js";

export type Report = (diagnostic: Diagnostic) => void;

const SHOWN: Record<LogLevel, ReadonlySet<Diagnostic["level"]>> = {
  silent: new Set(),
  info: new Set(["info", "warn"]),
  debug: new Set(["info", "warn", "debug"]),
};

/** One line per diagnostic on stderr, prefixed `[logtrace]`, filtered by LOGTRACE_LOG_LEVEL. */
export function createReport(level: LogLevel): Report {
  const shown = SHOWN[level];
  return ({ level: lineLevel, message }) => {
    if (!shown.has(lineLevel)) return;
    const prefix = lineLevel === "warn" ? "[logtrace] warning: " : "[logtrace] ";
    // Keep it one line whatever the message carries.
    process.stderr.write(`${prefix}${message.replace(/\s*\n\s*/gu, " ")}\n`);
  };
}
