/** Every LOGTRACE_* variable the bootstrap reads, parsed once, in one place. */
export type Env = Record<string, string | undefined>;

export type LogLevel = "silent" | "info" | "debug";

export const DEFAULT_METADATA_TIMEOUT_MS = 1000;

export interface BootstrapSettings {
  /** LOGTRACE_DISABLED=true: do nothing at all. */
  disabled: boolean;
  /** LOGTRACE_LOG_LEVEL: silent | info (default; warnings and one summary line) | debug. */
  logLevel: LogLevel;
  /** LOGTRACE_METADATA_TIMEOUT_MS: bound for reading the ECS metadata (default 1000). */
  metadataTimeoutMs: number;
  /** LOGTRACE_LOG_GROUP_NAMES: `&`-separated group names, raw; undefined when unset or blank. */
  logGroupNames: string | undefined;
  /** LOGTRACE_INSTRUMENTATIONS: "installed" (default) or "all". */
  instrumentations: "installed" | "all";
  /** LOGTRACE_LOGGER_INSTRUMENTATIONS=true: also enable the pino/winston/bunyan instrumentations. */
  loggerInstrumentations: boolean;
  /** LOGTRACE_AGENT: a module to load instead of starting our SDK. */
  agent: string | undefined;
  /** Problems with the settings themselves, one line each. */
  problems: string[];
}

const TRUE = new Set(["true", "1", "yes", "on"]);

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

export function readSettings(env: Env): BootstrapSettings {
  const problems: string[] = [];

  const level = text(env, "LOGTRACE_LOG_LEVEL")?.toLowerCase();
  let logLevel: LogLevel = "info";
  if (level === "silent" || level === "info" || level === "debug") logLevel = level;
  else if (level !== undefined) {
    problems.push(`LOGTRACE_LOG_LEVEL="${level}" is not silent|info|debug; using info`);
  }

  const timeout = text(env, "LOGTRACE_METADATA_TIMEOUT_MS");
  let metadataTimeoutMs = DEFAULT_METADATA_TIMEOUT_MS;
  if (timeout !== undefined) {
    const parsed = Number(timeout);
    if (Number.isFinite(parsed) && parsed >= 0) metadataTimeoutMs = Math.floor(parsed);
    else
      problems.push(
        `LOGTRACE_METADATA_TIMEOUT_MS="${timeout}" is not a number of ms; using ${DEFAULT_METADATA_TIMEOUT_MS}`,
      );
  }

  const instrumentationsText = text(env, "LOGTRACE_INSTRUMENTATIONS")?.toLowerCase();
  let instrumentations: "installed" | "all" = "installed";
  if (instrumentationsText === "all" || instrumentationsText === "installed") {
    instrumentations = instrumentationsText;
  } else if (instrumentationsText !== undefined) {
    problems.push(
      `LOGTRACE_INSTRUMENTATIONS="${instrumentationsText}" is not installed|all; using installed`,
    );
  }

  return {
    disabled: TRUE.has(text(env, "LOGTRACE_DISABLED")?.toLowerCase() ?? ""),
    logLevel,
    metadataTimeoutMs,
    logGroupNames: text(env, "LOGTRACE_LOG_GROUP_NAMES"),
    instrumentations,
    loggerInstrumentations: TRUE.has(
      text(env, "LOGTRACE_LOGGER_INSTRUMENTATIONS")?.toLowerCase() ?? "",
    ),
    agent: text(env, "LOGTRACE_AGENT"),
    problems,
  };
}
